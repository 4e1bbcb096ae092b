using BraketBot.Ports;

namespace BraketBot.Braket;

/// <summary>A token bucket: <paramref name="Rate"/> calls a second, at most <paramref name="Burst"/> at once.</summary>
public sealed record Quota(double Rate, int Burst)
{
    public Quota()
        : this(5, 5) { }

    public static readonly Quota Fallback = new(5, 5);

    /// <summary>Braket's documented per-account, per-region request quotas.</summary>
    public static readonly IReadOnlyDictionary<string, Quota> Documented = new Dictionary<string, Quota>
    {
        [BraketOperations.SearchQuantumTasks] = new(5, 50),
        [BraketOperations.CancelQuantumTask] = new(2, 20),
        [BraketOperations.GetQuantumTask] = new(100, 100),
        [BraketOperations.SearchDevices] = new(5, 5),
        [BraketOperations.SearchSpendingLimits] = new(5, 5),
        // Braket documents no quota for the limit writes; they are rare, so they are paced gently.
        [BraketOperations.CreateSpendingLimit] = new(2, 2),
        [BraketOperations.UpdateSpendingLimit] = new(2, 2),
        [BraketOperations.DeleteSpendingLimit] = new(2, 2),
        [BraketOperations.TagResource] = new(2, 2),
        // Braket documents no quota for the job calls either; a run makes a few, info one search a region.
        [BraketOperations.GetJob] = new(5, 10),
        [BraketOperations.SearchJobs] = new(5, 5),
        [BraketOperations.CancelJob] = new(2, 2),
    };
}
