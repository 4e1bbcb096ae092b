using BraketBot.Messages;

namespace BraketBot.Views;

public static class Buttons
{
    /// <summary>Slack's limit on a button's text.</summary>
    private const int MaxLabel = 75;

    /// <summary>
    /// How much of a scope's description a confirm dialog quotes: Slack refuses a whole message whose dialog text passes 300
    /// characters, and a budget names its tag and every device; the dialog's own words take at most 160.
    /// </summary>
    private const int MaxScope = 120;

    /// <summary>The button and its confirm dialog name the same scope the click will cancel; a budget's button says so too.</summary>
    public static ButtonElement CancelAllQueued(CancelScope scope, int tasks, long shots) =>
        Cancelling(
            scope.Budget is { } budget ? Label($"Cancel {budget.Name}'s queued tasks") : "Cancel all queued",
            ActionIds.CancelAllQueued,
            ButtonValues.Of(scope),
            scope.Budget is null ? "Cancel queued tasks?" : "Cancel the budget's queued tasks?",
            $"This cancels every QUEUED or CREATED task of *{Scope(scope)}* created on {scope.Day}: "
                + $"{Format.Count(tasks)} tasks, {Format.Count(shots)} shots right now. It cannot be undone."
        );

    /// <summary>A finished run's tasks left queued, within the run's own scope; the dialog says how many and where.</summary>
    public static ButtonElement CancelRest(EnforcementRun run)
    {
        var scope = run.RestScope();
        var left = run.Left;
        var rest = run.Stopped
            ? new RestOfRun(run.Id, scope, run.CreatedAt, run.Tasks.Select(t => t.DeviceArn).Distinct(StringComparer.Ordinal).ToList())
            : new RestOfRun(run.Id, scope);
        return Cancelling(
            "Cancel the rest",
            ActionIds.CancelRest,
            ButtonValues.Of(rest),
            "Cancel the rest?",
            $"This cancels the {Format.Count(left.Count)} tasks of *{Scope(scope)}* created on {scope.Day} that this run left "
                + $"({Format.Count(left.Sum(t => t.Shots))} shots), those still QUEUED or CREATED. It cannot be undone."
        );
    }

    public static ButtonElement Refresh(InfoQuery query) =>
        new(TextObject.Plain("Refresh"), ActionIds.RefreshReport, ButtonValues.Of(query));

    private static string Scope(CancelScope scope) => SlackMessage.Shorten(scope.Describe(), MaxScope);

    private static string Label(string text) => text.Length <= MaxLabel ? text : text[..(MaxLabel - 1)] + "…";

    /// <summary>A button that cancels tasks: red, behind a confirm dialog that says what it cancels.</summary>
    private static ButtonElement Cancelling(string label, string actionId, string value, string title, string question) =>
        new(TextObject.Plain(label), actionId, value)
        {
            Style = "danger",
            Confirm = new ConfirmDialog(
                TextObject.Plain(title),
                TextObject.Markdown(question),
                TextObject.Plain("Cancel them"),
                TextObject.Plain("Keep them")
            )
            {
                Style = "danger",
            },
        };
}
