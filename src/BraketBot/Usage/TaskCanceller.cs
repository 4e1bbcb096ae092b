using BraketBot.Ports;

namespace BraketBot.Usage;

/// <summary>
/// Cancels one task, paced to the CancelQuantumTask quota (the client waits for its tokens). A
/// throttled or failed call is tried again with backoff under the same clientToken, so one refusal
/// never aborts a run and a retried cancellation stays one cancellation.
/// </summary>
public sealed partial class TaskCanceller(IBraketApi braket, TimeProvider time, ILogger<TaskCanceller> logger)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    /// <param name="clientToken">Braket's idempotency token: the same token for the same cancellation, even from another host.</param>
    public async Task<CancelOutcome> CancelOneAsync(QuantumTaskSummary task, string clientToken, CancellationToken cancellationToken)
    {
        if (!QuantumTaskArn.TryParse(task.QuantumTaskArn, out var arn))
            return new CancelOutcome(task, CancelResult.Failed, "not a quantum task ARN");

        for (var attempt = 0; ; attempt++)
        {
            var result = await braket.CancelQuantumTaskAsync(arn, clientToken, cancellationToken);
            if (result.IsSuccess)
            {
                LogCancelled(arn.Value, result.Value);
                return new CancelOutcome(task, CancelResult.Cancelled, result.Value == CancellationStatus.Cancelled ? "cancelled" : "cancelling");
            }
            var error = result.Error!;
            switch (error.Kind)
            {
                case BraketErrorKind.Conflict:
                    return await ExplainConflictAsync(task, arn, cancellationToken);
                case BraketErrorKind.NotFound:
                    return new CancelOutcome(task, CancelResult.NotFound, "Braket does not know this task");
                case BraketErrorKind.Throttled or BraketErrorKind.Unavailable when attempt < Backoff.Length:
                    await Task.Delay(Backoff[attempt], time, cancellationToken);
                    continue;
                default:
                    return new CancelOutcome(task, CancelResult.Failed, error.Describe());
            }
        }
    }

    /// <summary>A 409 means the task moved on; say where it is now.</summary>
    private async Task<CancelOutcome> ExplainConflictAsync(QuantumTaskSummary task, QuantumTaskArn arn, CancellationToken cancellationToken)
    {
        var current = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (!current.IsSuccess) return new CancelOutcome(task, CancelResult.NotCancellable, "its state no longer allows cancelling");
        var status = current.Value!.Status;
        return status is QuantumTaskStatus.Cancelling or QuantumTaskStatus.Cancelled
            ? new CancelOutcome(current.Value, CancelResult.Cancelled, "already " + status.ToWire())
            : new CancelOutcome(current.Value, CancelResult.NotCancellable, $"it is {status.ToWire()} now; only QUEUED or CREATED tasks can be cancelled");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Task} ({Status})")]
    private partial void LogCancelled(string task, CancellationStatus status);
}
