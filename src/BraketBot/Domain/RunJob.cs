namespace BraketBot.Domain;

/// <summary>
/// A hybrid job a cap run cancels before its queued tasks (Caps:Jobs = Cancel), with what people are
/// told of it, fixed when the run is planned: its name, instance, minutes so far and their estimated cost.
/// </summary>
public sealed record RunJob(string Arn, string Name, string? InstanceType, int InstanceCount, decimal Minutes, decimal? InstanceCost)
{
    public RunTaskState State { get; init; } = RunTaskState.Pending;

    public string? Detail { get; init; }

    public static RunJob Of(HybridJob job, Pricing pricing, DateTimeOffset now) =>
        new(
            job.JobArn,
            job.JobName,
            job.InstanceType,
            job.InstanceCount,
            decimal.Round(job.Minutes(now), 1),
            job.InstanceCost(pricing, now)
        )
        {
            // A job that ended already needs no cancel; its queued tasks are still cancelled.
            State = job.IsActive ? RunTaskState.Pending : RunTaskState.NotCancellable,
            Detail = job.IsActive ? null : $"already {job.Status}",
        };
}
