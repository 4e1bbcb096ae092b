using BraketBot.Views;

namespace BraketBot.Tests.Reports;

/// <summary>
/// The cancel buttons within Slack's Block Kit limits whatever the scope they name: Slack refuses a whole message
/// over one, so a budget with a long tag and many devices would lose its alert.
/// </summary>
public sealed class CancelButtonLimitsTests
{
    private static readonly Day Day = Day.Parse("2022-04-10");

    private static readonly BudgetScope Wide = new(
        "quantum-chemistry-group",
        new TaskTag("project", new string('x', 250)),
        [.. Enumerable.Range(1, 30).Select(i => $"Device-Number-{i}")]
    );

    /// <summary>A button's text 75, value 2,000; its confirm dialog's title 100, text 300, and each of its buttons 30.</summary>
    private static void AssertWithinSlackLimits(ButtonElement button)
    {
        Assert.InRange(button.Text.Text.Length, 1, 75);
        Assert.InRange(button.Value.Length, 1, 2000);
        var confirm = button.Confirm!;
        Assert.InRange(confirm.Title.Text.Length, 1, 100);
        Assert.InRange(confirm.Text.Text.Length, 1, 300);
        Assert.InRange(confirm.Confirm.Text.Length, 1, 30);
        Assert.InRange(confirm.Deny.Text.Length, 1, 30);
    }

    [Fact]
    public void A_wide_budgets_cancel_all_button_keeps_its_dialog_within_slacks_limits_and_still_names_the_budget()
    {
        Assert.True(Wide.Describe().Length > 300);

        var button = Buttons.CancelAllQueued(CancelScope.OfBudget(Day, Wide), 1_000_000, 1_000_000_000);

        AssertWithinSlackLimits(button);
        Assert.Contains("budget quantum-chemistry-group (project=xxx", button.Confirm!.Text.Text);
        Assert.Contains("It cannot be undone.", button.Confirm.Text.Text);
    }

    [Fact]
    public void A_wide_budgets_stopped_run_offers_its_rest_within_slacks_limits()
    {
        var tasks = Enumerable.Range(0, 3).Select(i => new RunTask($"t{i}", Tasks.AnkaaArn, "Ankaa-3", 10, 0.31m)).ToArray();
        var run = new EnforcementRun
        {
            Id = "run-1",
            Kind = RunKind.CapAlert,
            Day = Day,
            TimeZone = "UTC",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Deadline = DateTimeOffset.UnixEpoch,
            Tasks = tasks,
            Budget = Wide,
        }.LeavePendingAtStop() with
        {
            FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(1),
        };

        var message = RunView.Render(run);

        var buttons = message.Blocks.OfType<ActionsBlock>().SelectMany(b => b.Elements).ToList();
        AssertWithinSlackLimits(Assert.Single(buttons, e => e.ActionId == ActionIds.CancelRest));
    }
}
