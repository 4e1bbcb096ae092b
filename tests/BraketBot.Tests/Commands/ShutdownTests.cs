using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Commands;

/// <summary>A host that stops while people wait for answers.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Commands_still_waiting_when_the_host_stops_are_answered_or_told_to_try_again()
    {
        // Owns its host: it stops it while commands wait.
        using var host = new OwnHost();
        host.Braket.Latency = TimeSpan.FromSeconds(3); // every scan outlives the shutdown
        host.Braket.Devices.AddRange(Tasks.AllDevices);
        host.Bot.ShutdownTimeout = TimeSpan.FromSeconds(4);
        var client = host.Client;
        var ids = Enumerable.Range(0, 12).Select(i => $"s{i}").ToList(); // more than the queue's eight workers
        foreach (var id in ids)
        {
            var ack = await client.SendAsync(
                SlackRequests.Signed(
                    "/slack/commands",
                    SlackRequests.CommandBody("info 2022-04-10", host.Slack.ResponseUrl(id)),
                    host.Bot.Clock.GetUtcNow()
                )
            );
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await host.StopAsync();

        Assert.All(ids, id =>
        {
            var answers = host.Slack.Responses(id);
            var answer = Assert.Single(answers);
            Assert.Contains("restarted before it could finish", MessageText.Of(answer));
        });
    }
}
