using BraketBot.Tests.Support;
using BraketBot.Views;

namespace BraketBot.Tests.Enforcement;

/// <summary>The pure rules of what a run leaves, and of the "Cancel the rest" button that offers it.</summary>
public sealed class RunRestTests
{
    private static readonly Day Day = new(new DateOnly(2022, 4, 10));

    private static EnforcementRun Run(IReadOnlyList<CapStanding> crossed, params RunTask[] tasks) =>
        new()
        {
            Id = "run-1",
            Kind = RunKind.CapAlert,
            Day = Day,
            TimeZone = "UTC",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Deadline = DateTimeOffset.UnixEpoch,
            Crossed = crossed,
            Tasks = tasks,
        };

    private static CapStanding Breach(string? device) => new(new Cap(new CapScope(device), CapMetric.Shots, 100), 200, CapLevel.Breach);

    private static RunTask Ankaa(string arn) => new(arn, Tasks.AnkaaArn, "Ankaa-3", 10, 0.31m);

    [Fact]
    public void What_the_deadline_leaves_pending_is_left_not_failed_and_the_done_stay_as_they_are()
    {
        var run = Run([Breach("Ankaa-3")], Ankaa("a"), Ankaa("b"), Ankaa("c"))
            .With("a", CancelResult.Cancelled, "cancelling")
            .With("b", CancelResult.Failed, "Access denied")
            .LeavePending("not cancelled by the run's deadline");

        Assert.Equal(["c"], run.Left.Select(t => t.Arn));
        Assert.Equal(RunTaskState.Failed, run.Tasks[1].State);
        Assert.Equal(3, run.Done);
        Assert.Empty(run.Pending);
    }

    [Fact]
    public void A_cancel_braket_kept_failing_is_left()
    {
        var run = Run([Breach("Ankaa-3")], Ankaa("a")).With("a", CancelResult.Left, "Braket kept failing");

        Assert.Equal(RunTaskState.Left, Assert.Single(run.Left).State);
    }

    [Fact]
    public void A_device_cap_run_offers_the_rest_on_that_device_and_an_account_cap_run_on_every_device()
    {
        Assert.Equal(new CancelScope(Day, Tasks.AnkaaArn, "Ankaa-3", false), Run([Breach("Ankaa-3")], Ankaa("a"), Ankaa("b")).RestScope());
        Assert.Equal(CancelScope.EveryDevice(Day), Run([Breach(null)], Ankaa("a")).RestScope());
        var twoDevices = Run([Breach("Ankaa-3"), Breach("Forte-1")], Ankaa("a"), new RunTask("f", Tasks.ForteArn, "Forte-1", 10, 1m));
        Assert.Equal(CancelScope.EveryDevice(Day), twoDevices.RestScope());
    }

    [Fact]
    public void A_budgets_run_offers_the_rest_of_its_budget_even_when_its_fresh_standing_is_only_a_warning()
    {
        var budget = new BudgetScope("alpha", new TaskTag("team", "alpha"), []);
        var warning = new CapStanding(new Cap(new CapScope(null, budget), CapMetric.Cost, 100, CapPeriod.Month), 90, CapLevel.Warning);
        var run = Run([warning], Ankaa("a")) with { Budget = budget, Breached = [new CapScope(null, budget)] };

        Assert.Equal(CancelScope.OfBudget(Day, budget), run.RestScope());
    }

    [Fact]
    public void A_device_warning_run_while_the_account_cap_stays_breached_offers_every_device_by_all_the_breached_caps()
    {
        var warning = new CapStanding(new Cap(new CapScope("Ankaa-3"), CapMetric.Shots, 100), 90, CapLevel.Warning);
        var run = Run([warning], Ankaa("a")) with { Breached = [CapScope.Account] };

        Assert.Equal(CancelScope.EveryDevice(Day), run.RestScope());
    }

    [Fact]
    public void A_stopped_runs_button_over_two_breached_devices_carries_those_devices_and_reads_back_old_values_without_them()
    {
        var forte = new RunTask("f", Tasks.ForteArn, "Forte-1", 10, 1m);
        var run = (
            Run([Breach("Ankaa-3"), Breach("Forte-1")], Ankaa("a"), Ankaa("b"), forte) with
            {
                CreatedAt = DateTimeOffset.UnixEpoch,
            }
        ).LeavePendingAtStop() with
        {
            FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
        };

        var button = Assert.Single(RunView.Render(run).Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements), e =>
            e.ActionId == ActionIds.CancelRest
        );

        Assert.True(ButtonValues.TryRead(button.Value, out RestOfRun? rest));
        Assert.Equal(CancelScope.EveryDevice(Day), rest.Scope);
        Assert.Equal([Tasks.AnkaaArn, Tasks.ForteArn], rest.Devices);
        Assert.True(button.Value!.Length < 2000, "Slack's limit on a button's value");
        const string posted =
            """{"runId":"run-1","scope":{"day":"2022-04-10","allDevices":true},"createdBefore":"1970-01-01T00:00:00+00:00"}""";
        Assert.True(ButtonValues.TryRead(posted, out RestOfRun? old));
        Assert.Null(old.Devices);
    }

    [Fact]
    public void A_cancel_all_run_offers_the_rest_in_the_scope_the_person_chose()
    {
        var scope = CancelScope.Device(Day, Tasks.Ankaa);
        var run = Run([], Ankaa("a")) with { Kind = RunKind.CancelAll, Scope = scope };

        Assert.Same(scope, run.RestScope());
    }

    [Fact]
    public void The_rest_button_carries_the_run_and_its_scope_and_reads_back()
    {
        var run = Run([Breach("Ankaa-3")], Ankaa("a"), Ankaa("b")).With("a", CancelResult.Left, "Braket kept failing") with
        {
            FinishedAt = DateTimeOffset.UnixEpoch,
        };

        var message = RunView.Render(run);

        var button = Assert.Single(message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements), e =>
            e.ActionId == ActionIds.CancelRest
        );
        Assert.True(ButtonValues.TryRead(button.Value, out RestOfRun? rest));
        Assert.Equal(new RestOfRun("run-1", new CancelScope(Day, Tasks.AnkaaArn, "Ankaa-3", false)), rest);
        Assert.Contains("1 queued tasks were left", MessageText.Of(message));
        Assert.False(
            ButtonValues.TryRead("""{"runId":"run-1","scope":{"day":"2022-04-10"}}""", out RestOfRun? _),
            "a scope naming no device is refused"
        );
    }

    [Fact]
    public void A_run_stopped_with_its_host_says_so_and_its_button_takes_what_was_created_before_it_as_the_list_dies_with_the_bot()
    {
        var createdAt = DateTimeOffset.UnixEpoch.AddHours(9);
        var run = (Run([Breach("Ankaa-3")], Ankaa("a"), Ankaa("b"), Ankaa("c")) with { CreatedAt = createdAt })
            .With("a", CancelResult.Cancelled, "cancelling")
            .LeavePendingAtStop() with
        {
            FinishedAt = createdAt.AddMinutes(1),
        };

        var message = RunView.Render(run);

        Assert.True(run.Stopped);
        Assert.Equal(["b", "c"], run.Left.Select(t => t.Arn));
        Assert.Contains("BraketBot stopped (a restart or a deploy) with 2 queued tasks left", MessageText.Of(message));
        var buttons = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements);
        var button = Assert.Single(buttons, e => e.ActionId == ActionIds.CancelRest);
        Assert.True(ButtonValues.TryRead(button.Value, out RestOfRun? rest));
        Assert.Equal(createdAt, rest.CreatedBefore);
    }
}
