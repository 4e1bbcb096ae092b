using System.Text.Json;
using BraketBot.Home;
using BraketBot.Limits;
using BraketBot.Views;

namespace BraketBot.Tests.Home;

/// <summary>The Home tab's blocks, drawn from snapshots (pure): Slack's limits kept, a big day summarised whole.</summary>
public sealed class HomeViewTests
{
    private static readonly Day Today = Day.Parse("2022-04-10");
    private static readonly DayWindow Window = DayWindow.For(Today, TimeZoneInfo.Utc);
    private static readonly DateTimeOffset Noon = new(2022, 4, 10, 12, 0, 0, TimeSpan.Zero);

    private static DeviceSummary Device(int i) =>
        new($"arn:aws:braket:us-west-1::device/qpu/lab/Device-{i:000}", $"Device-{i:000}", "Lab", "QPU", "ONLINE");

    private static DeviceUsage Usage(DeviceSummary device, int queued, int running) =>
        new(
            device,
            new Dictionary<QuantumTaskStatus, StatusTally>
            {
                [QuantumTaskStatus.Queued] = new(queued, queued * 100L),
                [QuantumTaskStatus.Running] = new(running, running * 100L),
                [QuantumTaskStatus.Completed] = new(2, 200),
            },
            PerShot: 0.01m,
            PerTask: 0.3m
        );

    private static HomeSnapshot Snapshot(int devices, int runs = 0, int limits = 0)
    {
        var usage = new DayUsage(Window, Enumerable.Range(0, devices).Select(i => Usage(Device(i), queued: i % 3, running: 1)).ToList());
        var standings = Enumerable
            .Range(0, devices)
            .SelectMany(i =>
                new[]
                {
                    new CapStanding(
                        new Cap(new CapScope(Device(i).DeviceName), CapMetric.Shots, 1000),
                        100 * i,
                        i > 50 ? CapLevel.Breach : null
                    ),
                    new CapStanding(new Cap(new CapScope(Device(i).DeviceName), CapMetric.Cost, 100, CapPeriod.Month), i, null),
                }
            )
            .ToList();
        var period = new LimitPeriod(Window.Start, Window.End);
        return new HomeSnapshot(
            new CapsOptions(),
            Window,
            usage,
            new MonthUsage(Month.Of(Today), [usage], []),
            standings,
            LedgerHoldsToday: true,
            Enumerable
                .Range(0, runs)
                .Select(i => new HomeRun(
                    $"run{i}",
                    RunKind.CancelAll,
                    $"Cancel all queued of Device-{i:000}",
                    Noon.AddMinutes(-i),
                    i == 0 ? null : Noon.AddMinutes(-i).AddSeconds(30),
                    3,
                    3,
                    0,
                    DryRun: false
                ))
                .ToList(),
            Enumerable
                .Range(0, limits)
                .Select(i => new DeviceLimit(
                    Device(i),
                    new SpendingLimit(
                        $"arn:aws:braket:us-west-1:111122223333:spending-limit/{i}",
                        Device(i).DeviceArn,
                        50,
                        1,
                        2,
                        period,
                        new Dictionary<string, string>()
                    )
                ))
                .ToList(),
            "2026-11-26",
            Noon
        );
    }

    private static JsonElement Json(IReadOnlyList<Block> blocks) => JsonSerializer.SerializeToElement(blocks, SlackMessage.Json);

    private static IReadOnlyList<string> Texts(IReadOnlyList<Block> blocks) =>
        blocks
            .SelectMany(b =>
                b switch
                {
                    SectionBlock s => [s.Text!.Text],
                    ContextBlock c => c.Elements.Select(e => e.Text),
                    HeaderBlock h => [h.Text.Text],
                    _ => [],
                }
            )
            .ToList();

    [Fact]
    public void A_big_day_is_summarised_within_slacks_limits_without_cutting_a_line()
    {
        var blocks = HomeView.Render(Snapshot(devices: 120, runs: 30, limits: 60), admin: true, notice: null);

        Assert.True(blocks.Count <= HomeView.MaxBlocks, $"{blocks.Count} blocks");
        Assert.All(blocks.OfType<SectionBlock>(), s =>
            Assert.True(s.Text!.Text.Length <= 3000, $"a section of {s.Text.Text.Length} characters")
        );
        var text = string.Join("\n", Texts(blocks));
        Assert.Contains($"…and {120 - HomeView.MaxDevicesShown} more devices with", text);
        Assert.Contains($"…and {240 - HomeView.MaxCapLinesShown} more caps", text);
        Assert.Contains($"…and {30 - HomeView.MaxRunsShown} earlier runs today.", text);
        Assert.Contains($"…and {60 - HomeView.MaxLimitsShown} more.", text);
        // The caps past their limit come first; nothing is shortened mid-way.
        Assert.Contains("Shots, Device-119", text);
        Assert.DoesNotContain(Texts(blocks), t => t.EndsWith('…') && !t.Contains("Cancelling", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Array, Json(blocks).ValueKind);
    }

    [Fact]
    public void Members_get_no_cancel_buttons_and_admins_one_per_busy_device_and_one_for_every_device()
    {
        var snapshot = Snapshot(devices: 3);

        var member = HomeView.Render(snapshot, admin: false, notice: null);
        var admin = HomeView.Render(snapshot, admin: true, notice: null);

        static IReadOnlyList<ButtonElement> Buttons(IReadOnlyList<Block> blocks) =>
            blocks.OfType<ActionsBlock>().SelectMany(a => a.Elements).ToList();
        Assert.Equal([ActionIds.RefreshHome], Buttons(member).Select(b => b.ActionId));
        // Device-001 has one queued task, Device-002 two, Device-000 none.
        Assert.Equal(
            [
                ButtonValues.Of(CancelScope.Device(Today, Device(2))),
                ButtonValues.Of(CancelScope.Device(Today, Device(1))),
                ButtonValues.Of(CancelScope.EveryDevice(Today)),
            ],
            Buttons(admin).Where(b => b.ActionId == ActionIds.CancelAllQueued).Select(b => b.Value)
        );
    }

    [Fact]
    public void A_quiet_day_says_so_and_shows_the_run_in_progress_first()
    {
        var quiet = Snapshot(devices: 0, runs: 2) with { Standings = [] };

        var text = string.Join("\n", Texts(HomeView.Render(quiet, admin: true, notice: "Done.")));

        Assert.Contains("Done.", text);
        Assert.Contains("No tasks yet today.", text);
        Assert.Contains("_No caps are configured._", text);
        Assert.Contains("None known.", text);
        Assert.True(
            text.IndexOf("in progress since 12:00:00", StringComparison.Ordinal)
                < text.IndexOf("finished 11:59:30", StringComparison.Ordinal)
        );
    }
}
