namespace BraketBot.Domain;

/// <summary>
/// A hybrid job's part of a day: the job as GetJob describes it, its billable minutes so far, its tasks
/// of the day and what they and its instances cost.
/// </summary>
public sealed record JobUsage(HybridJob Job, decimal Minutes, int Tasks, long Shots, decimal TasksCost, decimal? InstanceCost)
{
    /// <summary>Instances and tasks together; the instances count nothing while their type has no price.</summary>
    public decimal TotalCost => TasksCost + (InstanceCost ?? 0m);
}
