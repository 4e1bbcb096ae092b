using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Home;

/// <summary>The Home tab on two BraketBot instances sharing one PostgreSQL database.</summary>
[Collection(ScaleOutHosts.Name)]
public sealed class HomeScaleOutTests(HostPair pair) : HostPairTests(pair)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task People_opening_the_tab_on_two_hosts_at_once_are_both_republished_after_an_alert()
    {
        SetOnBoth("Caps:Devices:Aspen-M-1:MaxShotsPerDay", "1000");
        Braket.Devices.AddRange(Tasks.AllDevices);
        var people = Enumerable.Range(0, 6).Select(i => $"U0VIEWER{i}").ToList();

        // Half open on each host, all at once: each host notes its viewers in the shared store.
        var opened = await Task.WhenAll(
            people.Select(
                (user, i) =>
                    (i % 2 == 0 ? ClientA : ClientB).SendAsync(
                        SlackRequests.SignedJson("/slack/events", SlackRequests.HomeOpened(user, $"EvOpen{i:000}"), A.Clock.GetUtcNow())
                    )
            )
        );
        Assert.All(opened, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var user in people)
            await Slack.WaitForHomeView(user);
        await Pair.SettleAsync();

        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        Braket.Add(queued);
        var alerted = await ClientA.SendAsync(Events.Post(Events.TaskStateChange(queued[0])));

        Assert.True(alerted.IsSuccessStatusCode);
        foreach (var user in people)
            Assert.Contains("Breach: shots today, Aspen-M-1", MessageText.Of(await Slack.WaitForHomeView(user, count: 2)));
    }
}
