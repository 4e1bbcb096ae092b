using BraketBot.Cancel;
using BraketBot.Info;
using BraketBot.Tests.Support;
using BraketBot.Views;

namespace BraketBot.Tests.Reports;

public sealed class InfoReportViewTests
{
    private static readonly DayWindow Window = DayWindow.For(new Day(new DateOnly(2022, 4, 10)), TimeZoneInfo.Utc);
    private static readonly Pricing Pricing = new(new PricingOptions());

    private static SlackMessage Render(
        IEnumerable<QuantumTaskSummary> tasks,
        DeviceSummary? device,
        Func<string, DeviceSummary> describe,
        IReadOnlyList<CapStanding>? standings = null
    ) =>
        InfoReportView.Render(
            new InfoReport(DayUsage.From(Window, tasks, describe, Pricing), device, standings ?? [], ["us-west-1"], "2026-11-26", "UTC")
        );

    [Fact]
    public void A_device_report_has_the_table_the_cost_and_a_confirmed_cancel_button()
    {
        var at = Window.Start.AddHours(9);
        var message = Render(
            [
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1000, at),
                Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 400, at),
            ],
            Tasks.Ankaa,
            _ => Tasks.Ankaa
        );

        var text = MessageText.Of(message);
        Assert.Contains("QUEUED          1  1,000", text);
        Assert.Contains("COMPLETED       1    400", text);
        Assert.Contains("Total           2  1,400", text);
        Assert.Contains("*$0.66* spent or running, *$1.20* still queued", text);
        var button = message.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements).Single(b => b.ActionId == CancelAllQueuedAction.Id);
        Assert.Equal("danger", button.Style);
        Assert.NotNull(button.Confirm);
        Assert.True(ButtonValues.TryRead(button.Value, out CancelScope? scope));
        Assert.Equal(("2022-04-10", Tasks.AnkaaArn, false), (scope.Day.ToString(), scope.DeviceArn, scope.AllDevices));
        Assert.Contains(message.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements), b => b.ActionId == RefreshReportAction.Id);
    }

    [Fact]
    public void Nothing_queued_means_no_cancel_button()
    {
        var message = Render([Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 400, Window.Start)], Tasks.Ankaa, _ => Tasks.Ankaa);

        Assert.DoesNotContain(message.Blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements), b =>
            b.ActionId == CancelAllQueuedAction.Id
        );
    }

    [Fact]
    public void A_simulator_gets_no_per_shot_estimate()
    {
        var message = Render([Tasks.Task(Tasks.Sv1Arn, QuantumTaskStatus.Completed, 400, Window.Start)], Tasks.Sv1, _ => Tasks.Sv1);

        Assert.Contains("billed per minute", MessageText.Of(message));
    }

    [Fact]
    public void Cap_usage_shows_as_bars()
    {
        var cap = new CapStanding(new Cap(new CapScope("Ankaa-3"), CapMetric.Shots, 2000), 1400, CapLevel.Warning);

        var message = Render(
            [Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1400, Window.Start)],
            Tasks.Ankaa,
            _ => Tasks.Ankaa,
            [cap]
        );

        Assert.Contains("`▓▓▓▓▓▓▓░░░ 70%` 1,400 of 2,000", MessageText.Of(message));
    }

    [Fact]
    public void A_day_of_sixty_devices_is_summarised_within_slacks_limits()
    {
        var devices = Enumerable
            .Range(0, 60)
            .Select(i => new DeviceSummary($"arn:aws:braket:us-west-1::device/qpu/rigetti/Dev-{i}", $"Dev-{i}", "rigetti", "QPU", "ONLINE"))
            .ToList();
        var tasks = devices.SelectMany((d, i) => Tasks.Many(i + 1, d.DeviceArn, QuantumTaskStatus.Queued, 100, Window.Start)).ToList();

        var message = Render(tasks, null, arn => devices.Single(d => d.DeviceArn == arn));

        Assert.True(message.Blocks.Count <= SlackMessage.MaxBlocks);
        Assert.All(message.Blocks.OfType<SectionBlock>(), s =>
            Assert.True(s.Text!.Text.Length <= SlackMessage.MaxSectionText, s.Text.Text)
        );
        var summary = message.Blocks.OfType<SectionBlock>().Select(s => s.Text!.Text).Single(t => t.StartsWith("*52 more devices*"));
        Assert.Contains("*Dev-59*", MessageText.Of(message)); // the costliest in full
        Assert.Contains("```\n…and 12 more devices.", summary); // the rest counted, the table closed, nothing cut mid-row
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(message, SlackMessage.Json),
            System.Text.Json.JsonSerializer.Serialize(message.Fit(), SlackMessage.Json)
        ); // nothing left for Fit to cut
    }
}
