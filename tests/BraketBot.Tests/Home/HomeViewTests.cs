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
    private static readonly HomeAccess Admin = new(Admin: true, Budgets: []);
    private static readonly HomeAccess Member = new(Admin: false, Budgets: []);

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
        var blocks = HomeView.Render(Snapshot(devices: 120, runs: 30, limits: 60), Admin, notice: null);

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

        var member = HomeView.Render(snapshot, Member, notice: null);
        var admin = HomeView.Render(snapshot, Admin, notice: null);

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

        var text = string.Join("\n", Texts(HomeView.Render(quiet, Admin, notice: "Done.")));

        Assert.Contains("Done.", text);
        Assert.Contains("No tasks yet today.", text);
        Assert.Contains("_No caps are configured._", text);
        Assert.Contains("None known.", text);
        Assert.True(
            text.IndexOf("in progress since 12:00:00", StringComparison.Ordinal)
                < text.IndexOf("finished 11:59:30", StringComparison.Ordinal)
        );
    }

    private static BudgetLine Budget(int i, int queued)
    {
        var scope = new BudgetScope($"team-{i:00}", new TaskTag("team", $"t{i:00}"), []);
        var day = new DayUsage(Window, [Usage(Device(i), queued, running: 0)]);
        var standing = new CapStanding(new Cap(new CapScope(null, scope), CapMetric.Shots, 1000), 100 * i, i > 25 ? CapLevel.Breach : null);
        return new BudgetLine(scope, null, new BudgetUsage(day, day.Devices), [standing]);
    }

    private static IReadOnlyList<string> CancelValues(IReadOnlyList<Block> blocks) =>
        blocks
            .OfType<ActionsBlock>()
            .SelectMany(a => a.Elements)
            .Where(b => b.ActionId == ActionIds.CancelAllQueued)
            .Select(b => b.Value)
            .ToList();

    [Fact]
    public void A_big_configuration_with_many_budgets_is_summarised_within_slacks_limits()
    {
        var snapshot = Snapshot(devices: 120, runs: 30, limits: 60) with
        {
            Budgets = [.. Enumerable.Range(0, 40).Select(i => Budget(i, 2))],
        };
        var access = new HomeAccess(Admin: true, Budgets: [.. snapshot.Budgets.Select(b => b.Scope.Name)]);

        var blocks = HomeView.Render(snapshot, access, notice: null);

        Assert.True(blocks.Count <= HomeView.MaxBlocks, $"{blocks.Count} blocks");
        var text = string.Join("\n", Texts(blocks));
        Assert.Contains($"…and {40 - HomeView.MaxBudgetsShown} more budgets, 4 of them at the warning level or past.", text);
        // The budgets past their caps first: team-39 is shown with its bar, team-00 only counted.
        Assert.Contains("*team-39* · tag `team=t39`: today 400 shots", text);
        Assert.Contains("Shots, budget team-39 (team=t39)*: `▓▓▓▓▓▓▓▓▓▓", text);
        Assert.DoesNotContain("*team-00*", text);
    }

    [Fact]
    public void A_budgets_button_of_its_exact_scope_goes_to_those_who_may_cancel_its_tasks_alone()
    {
        var snapshot = Snapshot(devices: 0) with { Budgets = [Budget(1, queued: 2), Budget(2, queued: 1), Budget(3, queued: 0)] };
        var alpha = snapshot.Budgets[0].Scope;

        var budgetAdmin = HomeView.Render(snapshot, new HomeAccess(Admin: false, Budgets: ["TEAM-01"]), notice: null);
        var member = HomeView.Render(snapshot, Member, notice: null);
        var admin = HomeView.Render(snapshot, new HomeAccess(Admin: true, Budgets: ["team-01", "team-02", "team-03"]), notice: null);

        Assert.Equal([ButtonValues.Of(CancelScope.OfBudget(Today, alpha))], CancelValues(budgetAdmin));
        Assert.Empty(CancelValues(member));
        // team-03 has nothing queued: no button.
        string[] both =
        [
            ButtonValues.Of(CancelScope.OfBudget(Today, alpha)),
            ButtonValues.Of(CancelScope.OfBudget(Today, snapshot.Budgets[1].Scope)),
        ];
        Assert.Equal(both.Order(StringComparer.Ordinal), CancelValues(admin).Order(StringComparer.Ordinal));
        Assert.Contains("_No account or device caps are configured._", string.Join("\n", Texts(member)));
    }

    [Fact]
    public void A_long_notice_is_shortened_to_fit_its_section()
    {
        var notice = new string('x', 5000);

        var blocks = HomeView.Render(Snapshot(devices: 1), Member, notice);

        var section = Assert.IsType<SectionBlock>(blocks[1]);
        Assert.True(section.Text!.Text.Length <= 3000, $"{section.Text.Text.Length} characters");
        Assert.EndsWith("…", section.Text.Text);
    }

    [Fact]
    public void An_open_tab_says_when_a_jobs_instance_cost_is_not_yet_known()
    {
        var text = string.Join("\n", Texts(HomeView.Render(Snapshot(devices: 1) with { UndescribedJobs = 1 }, Member, null)));

        Assert.Contains("Instance cost not yet known of 1 hybrid jobs", text);
    }

    [Fact]
    public void A_run_shows_on_the_day_it_starts_on_any_later_day_while_in_progress_and_on_the_day_it_ends()
    {
        var yesterday = DayWindow.For(Today.AddDays(-1), TimeZoneInfo.Utc);
        var tomorrow = DayWindow.For(Today.AddDays(1), TimeZoneInfo.Utc);
        var lateStart = Window.End.AddMinutes(-10);
        var running = new HomeRun("r", RunKind.CancelAll, "Cancel all queued", lateStart, null, 3, 1, 0, DryRun: false);
        var endedAfterMidnight = running with { FinishedAt = Window.End.AddMinutes(5) };

        Assert.True(running.ShowsOn(Window));
        Assert.True(running.ShowsOn(tomorrow));
        Assert.False(running.ShowsOn(yesterday));
        Assert.True(endedAfterMidnight.ShowsOn(tomorrow));
        Assert.False((running with { FinishedAt = lateStart.AddMinutes(1) }).ShowsOn(tomorrow));
        Assert.False((running with { DryRun = true }).ShowsOn(tomorrow));
    }

    [Fact]
    public async Task A_users_turn_is_dropped_once_no_publish_holds_it()
    {
        var turns = new HomeTabTurns();
        var release = new TaskCompletionSource<int>();

        var first = turns.TakeAsync("U1", () => release.Task, CancellationToken.None);
        var second = turns.TakeAsync("U1", () => Task.FromResult(2), CancellationToken.None);
        Assert.Equal(1, turns.Users);
        release.SetResult(1);

        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(0, turns.Users);
    }
}
