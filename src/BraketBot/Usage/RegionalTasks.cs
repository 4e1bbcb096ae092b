using BraketBot.Ports;

namespace BraketBot.Usage;

/// <summary>What a search over several regions found: the tasks of the regions that answered, and why each other region did not.</summary>
public sealed record RegionalTasks(
    IReadOnlyList<QuantumTaskSummary> Tasks,
    IReadOnlyList<string> Answered,
    IReadOnlyDictionary<string, BraketError> Failed
)
{
    /// <summary>Why a region failed, in the words the alert and /braket caps use.</summary>
    public static RegionFailureReason ReasonOf(BraketError error) =>
        error.Kind switch
        {
            BraketErrorKind.AccessDenied or BraketErrorKind.CredentialsRefused or BraketErrorKind.NoCredentials =>
                RegionFailureReason.Denied,
            BraketErrorKind.Throttled => RegionFailureReason.Throttled,
            _ => RegionFailureReason.Unreachable,
        };

    /// <summary>All or nothing, as a report wants it: the tasks, or the first region's error.</summary>
    public BraketResult<IReadOnlyList<QuantumTaskSummary>> AllOrNothing() =>
        Failed.Count == 0
            ? new BraketResult<IReadOnlyList<QuantumTaskSummary>>(Tasks, null)
            : Failed.OrderBy(f => f.Key, StringComparer.Ordinal).First().Value;
}
