namespace BraketBot.Ports;

/// <summary>Braket's operation names, as its quotas and IAM actions name them.</summary>
public static class BraketOperations
{
    public const string SearchQuantumTasks = nameof(SearchQuantumTasks);
    public const string GetQuantumTask = nameof(GetQuantumTask);
    public const string CancelQuantumTask = nameof(CancelQuantumTask);
    public const string SearchDevices = nameof(SearchDevices);
    public const string SearchSpendingLimits = nameof(SearchSpendingLimits);
    public const string CreateSpendingLimit = nameof(CreateSpendingLimit);
    public const string UpdateSpendingLimit = nameof(UpdateSpendingLimit);
    public const string DeleteSpendingLimit = nameof(DeleteSpendingLimit);
    public const string TagResource = nameof(TagResource);
    public const string GetJob = nameof(GetJob);
    public const string SearchJobs = nameof(SearchJobs);
    public const string CancelJob = nameof(CancelJob);
}
