using BraketBot.Limits;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Enforcement;

/// <summary>
/// The message of an enforcement run, as it stands: posted at once saying what will be cancelled,
/// then shown again with progress and, at the end, the outcome.
/// </summary>
public static class RunView
{
    public const int ListedTasks = 10;

    public static SlackMessage Render(EnforcementRun run) =>
        WithRestButton(
            run,
            run.Kind switch
            {
                RunKind.CapAlert => Alert(run),
                RunKind.CapFollowUp => SlackMessage.Plain(
                    string.Join(
                        '\n',
                        [
                            $"Follow-up on {run.Day}: usage is still over the cap "
                                + $"({string.Join("; ", run.Crossed.Select(StandingWithOverage))}).",
                            CancellationText(run),
                            .. RunJobsView.Lines(run),
                        ]
                    )
                ),
                _ => SlackMessage.Plain(string.Join('\n', [CancelAllText(run), .. RunJobsView.Lines(run)])),
            }
        );

    /// <summary>A finished run that left tasks queued offers to cancel exactly those.</summary>
    private static SlackMessage WithRestButton(EnforcementRun run, SlackMessage message) =>
        run.FinishedAt is null || run.Left.Count == 0
            ? message
            : message with
            {
                Blocks = [.. message.Blocks, new ActionsBlock([Buttons.CancelRest(run)])],
            };

    private static SlackMessage Alert(EnforcementRun run)
    {
        var breach = run.IsBreach;
        var title = breach ? $"Braket cap breached on {run.Day}" : $"Braket usage near its cap on {run.Day}";
        var blocks = new List<Block>
        {
            new HeaderBlock(TextObject.Plain((breach ? "🚨 " : "⚠️ ") + title)),
            new SectionBlock(TextObject.Markdown(string.Join('\n', run.Crossed.Select(StandingWithOverage)))),
        };
        // A warning can arrive in the same pass as more cancels in a scope breached earlier: those are told too.
        if (breach || run.Tasks.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown(CancellationText(run))));
        if (RunJobsView.Lines(run) is { Count: > 0 } jobs)
            blocks.Add(new SectionBlock(TextObject.Markdown(string.Join('\n', jobs))));
        if (run.ReachedLimits.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown(LimitsView.Reached(run.ReachedLimits))));
        if (run.UncheckedRegions.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown("⚠️ " + RegionFailure.LowerBound(run.UncheckedRegions))));
        foreach (var offer in run.Offers)
            blocks.Add(new ActionsBlock([Buttons.CancelAllQueued(offer.Scope, offer.Tasks, offer.Shots)]));
        blocks.Add(
            new ContextBlock([
                TextObject.Markdown(
                    $"Triggered by {run.Trigger} · day in {run.TimeZone} · estimates at "
                        + $"{(run.Prices.Length > 0 ? run.Prices : "list prices")}"
                ),
            ])
        );
        return new SlackMessage($"{title}: {string.Join("; ", run.Crossed.Select(Format.Standing))}", blocks);
    }

    private static string StandingWithOverage(CapStanding standing) =>
        Format.Standing(standing)
        + (standing.Level == CapLevel.Breach ? $", over by {Format.Amount(standing.Cap.Metric, standing.Used - standing.Cap.Limit)}" : "");

    private static string CancellationText(EnforcementRun run)
    {
        var all = run.Tasks;
        if (!run.CancelsTasks)
            return $":eyes: Dry run (`Caps:Action` is AlertOnly): nothing was cancelled. {all.Count} queued tasks "
                + $"({Format.Count(all.Sum(t => t.Shots))} shots, about {Format.Money(Cost(all))}) would have been.";
        if (all.Count == 0)
            return "No QUEUED or CREATED tasks were left to cancel.";
        if (run.FinishedAt is null)
            return string.Join(
                '\n',
                [
                    $":hourglass_flowing_sand: Cancelling {all.Count} queued tasks ({Format.Count(all.Sum(t => t.Shots))} shots, "
                        + $"about {Format.Money(Cost(all))}): {run.Done} of {all.Count} done…",
                    .. TaskLines(all),
                ]
            );

        var cancelled = all.Where(t => t.State == RunTaskState.Cancelled).ToList();
        return string.Join(
            '\n',
            [
                $":octagonal_sign: Cancelled {cancelled.Count} queued tasks: {Format.Count(cancelled.Sum(t => t.Shots))} shots, "
                    + $"about {Format.Money(Cost(cancelled))} saved.",
                .. TaskLines(cancelled),
                .. FailureLines(all),
                .. LeftLines(run),
            ]
        );
    }

    private static string CancelAllText(EnforcementRun run)
    {
        var scope = run.Scope!;
        var all = run.Tasks;
        if (all.Count == 0)
            return NothingToCancel(scope);
        if (run.FinishedAt is null)
            return Progress(scope, run.Done, all.Count);
        var cancelled = all.Where(t => t.State == RunTaskState.Cancelled).ToList();
        return string.Join(
            '\n',
            [
                $":octagonal_sign: <@{run.RequestedBy}> cancelled {cancelled.Count} of {all.Count} queued tasks of *{scope.Describe()}* "
                    + $"on {scope.Day} "
                    + $"at {run.FinishedAt:yyyy-MM-dd HH:mm} UTC: {Format.Count(cancelled.Sum(t => t.Shots))} shots, about "
                    + $"{Format.Money(Cost(cancelled))} saved.",
                .. FailureLines(all),
                .. LeftLines(run),
            ]
        );
    }

    public static string NothingToCancel(CancelScope scope) =>
        $"No QUEUED or CREATED tasks of {scope.Describe()} on {scope.Day}: nothing to cancel.";

    public static string NothingLeft(CancelScope scope) =>
        $"The tasks of {scope.Describe()} on {scope.Day} that the run left are no longer queued, or another run is cancelling them: "
        + $"nothing to cancel.";

    public static string Progress(CancelScope scope, int done, int total) =>
        $":hourglass_flowing_sand: Cancelling queued tasks of {scope.Describe()} on {scope.Day}: {done} of {total} done…";

    private static IEnumerable<string> TaskLines(IReadOnlyList<RunTask> tasks)
    {
        foreach (var task in tasks.Take(ListedTasks))
            yield return $"• {Format.Task(task.Arn)} ({task.DeviceName}, {Format.Count(task.Shots)} shots)";
        if (tasks.Count > ListedTasks)
            yield return $"…and {tasks.Count - ListedTasks} more.";
    }

    private static IEnumerable<string> FailureLines(IReadOnlyList<RunTask> tasks)
    {
        var failed = tasks
            .Where(t => t.State is not (RunTaskState.Cancelled or RunTaskState.Pending or RunTaskState.Unchecked or RunTaskState.Left))
            .ToList();
        if (failed.Count == 0)
            yield break;
        yield return $"{failed.Count} could not be cancelled:";
        foreach (var task in failed.Take(ListedTasks))
            yield return $"• {Format.Task(task.Arn)}: {task.Detail}";
        if (failed.Count > ListedTasks)
            yield return $"…and {failed.Count - ListedTasks} more.";
    }

    /// <summary>What the run left queued, and who tries it again: the next reconcile (while a cap stays breached), or the button.</summary>
    private static IEnumerable<string> LeftLines(EnforcementRun run)
    {
        var left = run.Left;
        if (left.Count == 0)
            yield break;
        var again = run.Kind == RunKind.CancelAll ? "" : "The next reconcile tries them again while the cap stays breached; ";
        var size = $"({Format.Count(left.Sum(t => t.Shots))} shots, about {Format.Money(Cost(left))})";
        var why = run.Stopped
            ? $"BraketBot stopped (a restart or a deploy) with {left.Count} queued tasks left {size}. "
            : $"{left.Count} queued tasks were left when the run reached its deadline {size}: {left[0].Detail}. ";
        yield return ":warning: " + why + again + "*Cancel the rest* tries them now.";
    }

    private static decimal Cost(IEnumerable<RunTask> tasks) => tasks.Sum(t => t.Cost ?? 0m);
}
