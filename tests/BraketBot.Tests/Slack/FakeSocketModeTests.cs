using System.Net.WebSockets;

namespace BraketBot.Tests.Slack;

/// <summary>
/// The Socket Mode fake's reset, on which every Socket Mode test's first link rests: a connection the app began before the
/// reset (its host stopped it while the upgrade was on the way) once arrived after it, and became the next test's first link,
/// already dead ("The WebSocket is in an invalid state ('Aborted')").
/// </summary>
public sealed class FakeSocketModeTests
{
    [Fact]
    public async Task A_connection_to_a_url_handed_out_before_a_reset_is_broken_on_arrival_and_never_listed()
    {
        await using var fake = await FakeSocketMode.StartAsync();
        var before = fake.NextUrl();
        await fake.ResetAsync();

        using var late = new ClientWebSocket();
        var buffer = new byte[1024];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // a listed link says hello, then waits
        // Broken as it opens, or just after: the upgrade's answer may or may not have left before the abort.
        await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            await late.ConnectAsync(before, patience.Token);
            while (true)
                await late.ReceiveAsync(buffer, patience.Token);
        });
        using var next = new ClientWebSocket();
        await next.ConnectAsync(fake.NextUrl(), CancellationToken.None);

        var link = await fake.WaitForLink(1);
        Assert.Equal("2", link.Ticket);
        Assert.Single(fake.Links);
    }
}
