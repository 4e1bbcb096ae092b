using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Charts;

/// <summary>
/// A host whose renderer cannot be made, as when SkiaSharp's native library does not load: the charts
/// go, and nothing else does. The alerts, the cancels and the reports never needed a chart to be made.
/// </summary>
[Collection(FaultsHost.Name)]
public sealed class RendererFailureTests(FaultsFixture fixture) : FaultTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Faults.RendererUnloadable = true;
    }

    [Fact]
    public async Task A_breach_is_still_alerted_and_its_queued_tasks_cancelled()
    {
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        Braket.Add(queued);
        var trigger = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(5));
        Braket.Add(trigger);

        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        Assert.True(response.IsSuccessStatusCode);
        var alert = await Slack.WaitFor(
            () =>
                Slack.TopLevel.FirstOrDefault(m =>
                    MessageText.Of(m.Body, withFallback: true).Contains("Cancelled 4 queued tasks", StringComparison.Ordinal)
                ),
            what: "the alert with its cancels"
        );
        await SettleAsync();
        Assert.Contains("cap breached", MessageText.Of(alert.Body, withFallback: true));
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
        Assert.Empty(Slack.Files); // the chart alone is missing
    }

    [Fact]
    public async Task Info_month_still_answers_without_its_chart()
    {
        Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, Morning));

        var ack = await SendCommandAsync("info month", "month-no-renderer");

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var report = (await Slack.WaitForResponses("month-no-renderer"))[0];
        Assert.Equal("in_channel", report.GetProperty("response_type").GetString());
        Assert.Contains("2022-04", MessageText.Of(report, withFallback: true));
        Assert.DoesNotContain(report.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "image");
        Assert.DoesNotContain(Slack.Received, r => r.Kind.StartsWith("files.", StringComparison.Ordinal));
    }
}
