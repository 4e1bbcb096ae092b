using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Home;

/// <summary>The Home tab on two BraketBot instances sharing one PostgreSQL database.</summary>
public sealed class HomeScaleOutTests
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task People_opening_the_tab_on_two_hosts_at_once_are_both_republished_after_an_alert()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var braket = new FakeBraket();
        using var slack = new FakeSlack();
        using var a = new BotFactory(braket: braket, slack: slack).OnPostgres(database.ConnectionString);
        using var b = new BotFactory(braket: braket, slack: slack).OnPostgres(database.ConnectionString);
        foreach (var host in new[] { a, b })
            host.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        braket.Devices.AddRange(Tasks.AllDevices);
        using var clientA = a.Client();
        using var clientB = b.Client();
        var people = Enumerable.Range(0, 6).Select(i => $"U0VIEWER{i}").ToList();

        // Half open on each host, all at once: each host notes its viewers in the shared store.
        var opened = await Task.WhenAll(
            people.Select(
                (user, i) =>
                    (i % 2 == 0 ? clientA : clientB).SendAsync(
                        SlackRequests.SignedJson("/slack/events", SlackRequests.HomeOpened(user, $"EvOpen{i:000}"), a.Clock.GetUtcNow())
                    )
            )
        );
        Assert.All(opened, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var user in people)
            await slack.WaitForHomeView(user);
        await Task.WhenAll(a.SettleAsync(), b.SettleAsync());

        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        braket.Add(queued);
        var alerted = await clientA.SendAsync(Events.Post(Events.TaskStateChange(queued[0])));

        Assert.True(alerted.IsSuccessStatusCode);
        foreach (var user in people)
            Assert.Contains("Breach: shots today, Aspen-M-1", MessageText.Of(await slack.WaitForHomeView(user, count: 2)));
    }
}
