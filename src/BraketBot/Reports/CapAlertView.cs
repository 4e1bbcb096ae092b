using BraketBot.Braket;
using BraketBot.Caps;
using BraketBot.Commands;
using BraketBot.Slack;

namespace BraketBot.Reports;

/// <summary>The automatic alert: what crossed and by how much, what was cancelled, and what set it off.</summary>
public static class CapAlertView
{
    public const int ListedTasks = 10;

    public static SlackMessage Render(CapAlert alert)
    {
        var breach = alert.Crossed.Any(s => s.Level == CapLevel.Breach);
        var day = Format.Day(alert.Window.Day);
        var title = breach ? $"Braket cap breached on {day}" : $"Braket usage near its cap on {day}";
        var crossed = alert.Crossed.Select(s => Format.Standing(s) + Overage(s)).ToList();

        var blocks = new List<Block>
        {
            new HeaderBlock(TextObject.Plain((breach ? "🚨 " : "⚠️ ") + title)),
            new SectionBlock(TextObject.Markdown(string.Join('\n', crossed))),
        };
        if (breach) blocks.Add(new SectionBlock(TextObject.Markdown(CancellationText(alert))));
        if (!breach)
            foreach (var scope in alert.Crossed.Select(s => s.Cap.Scope).Distinct())
                blocks.Add(new ActionsBlock([QueuedButton(alert, scope)]));
        blocks.Add(new ContextBlock([TextObject.Markdown($"Triggered by {alert.Trigger} · day in {alert.Caps.TimeZone} · estimates at list prices")]));
        return new SlackMessage($"{title}: {string.Join("; ", alert.Crossed.Select(Format.Standing))}", blocks);
    }

    /// <summary>A later cancellation the same day, posted in the thread of the breach alert instead of a new alert.</summary>
    public static SlackMessage RenderFollowUp(CapAlert alert)
    {
        var text = $"Follow-up on {Format.Day(alert.Window.Day)}: usage is still over the cap " +
                   $"({string.Join("; ", alert.Crossed.Select(s => Format.Standing(s) + Overage(s)))}).\n{CancellationText(alert)}";
        return SlackMessage.Plain(text);
    }

    private static string Overage(CapStanding standing) => standing.Level == CapLevel.Breach
        ? $", over by {Format.Amount(standing.Cap.Metric, standing.Used - standing.Cap.Limit)}"
        : "";

    private static string CancellationText(CapAlert alert)
    {
        if (alert.Caps.Action == CapAction.AlertOnly)
            return $":eyes: Dry run (`Caps:Action` is AlertOnly): nothing was cancelled. {alert.Cancellable.Count} queued tasks " +
                   $"({Format.Count(alert.Cancellable.Sum(t => t.Shots))} shots, about {Format.Money(alert.CostOf(alert.Cancellable))}) would have been.";
        if (alert.Outcomes.Count == 0) return "No QUEUED or CREATED tasks were left to cancel.";
        var cancelled = alert.Cancelled.Select(o => o.Task).ToList();
        var lines = new List<string>
        {
            $":octagonal_sign: Cancelled {cancelled.Count} queued tasks: {Format.Count(cancelled.Sum(t => t.Shots))} shots, " +
            $"about {Format.Money(alert.CostOf(cancelled))} saved.",
        };
        lines.AddRange(cancelled.Take(ListedTasks).Select(t => $"• `{t.QuantumTaskArn}` ({alert.Describe(t.DeviceArn).DeviceName}, {Format.Count(t.Shots)} shots)"));
        if (cancelled.Count > ListedTasks) lines.Add($"…and {cancelled.Count - ListedTasks} more.");
        lines.AddRange(CancelView.FailureLines(alert.NotCancelled));
        return string.Join('\n', lines);
    }

    private static ButtonElement QueuedButton(CapAlert alert, CapScope scope)
    {
        var device = scope.Device is null ? null : alert.Cancellable.Select(t => alert.Describe(t.DeviceArn)).FirstOrDefault(scope.Covers);
        var tasks = alert.Cancellable.Where(t => scope.Covers(alert.Describe(t.DeviceArn))).ToList();
        var cancelScope = new CancelScope(Format.Day(alert.Window.Day), device?.DeviceArn, scope.Device);
        return Buttons.CancelAllQueued(cancelScope, tasks.Count, tasks.Sum(t => t.Shots));
    }
}
