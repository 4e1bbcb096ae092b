namespace BraketBot.Home;

/// <summary>A run as the Home tab shows it: what it is about, whether it is over, and what it cancelled.</summary>
public sealed record HomeRun(
    string Id,
    RunKind Kind,
    string What,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    int Tasks,
    int Cancelled,
    int NotCancelled,
    bool DryRun
)
{
    public static HomeRun Of(EnforcementRun run) =>
        new(
            run.Id,
            run.Kind,
            Describe(run),
            run.CreatedAt,
            run.FinishedAt,
            run.Tasks.Count,
            run.Cancelled,
            run.Tasks.Count(t => t.State is not (RunTaskState.Pending or RunTaskState.Unchecked or RunTaskState.Cancelled)),
            !run.CancelsTasks
        );

    /// <summary>
    /// Whether the day's tab shows the run: started that day, finished that day, or (cancelling tasks) still in progress
    /// whatever day it started, so that a run across midnight stays on today's tab.
    /// </summary>
    public bool ShowsOn(DayWindow day) =>
        day.Contains(CreatedAt) || (FinishedAt is { } finished ? day.Contains(finished) : !DryRun && CreatedAt < day.End);

    private static string Describe(EnforcementRun run) =>
        run.Kind switch
        {
            RunKind.CancelAll => $"Cancel all queued of {run.Scope?.Describe()} on {run.Day}, asked by {run.Trigger}",
            RunKind.CapFollowUp => $"More queued tasks past {Caps(run)}",
            _ => $"{(run.IsBreach ? "Breach" : "Warning")}: {Caps(run)}",
        };

    private static string Caps(EnforcementRun run) =>
        run.Crossed.Count == 0
            ? "a cap"
            : string.Join(", ", run.Crossed.Select(s => $"{Metric(s.Cap)} {Period(s.Cap)}, {s.Cap.Scope.Describe()}"));

    private static string Metric(Cap cap) => cap.Metric == CapMetric.Shots ? "shots" : "cost";

    private static string Period(Cap cap) => cap.Period == CapPeriod.Month ? "this month" : "today";
}
