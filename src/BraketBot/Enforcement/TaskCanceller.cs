using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Enforcement;

/// <summary>
/// Cancels one task, paced to the CancelQuantumTask quota (the client waits for its tokens). A
/// throttled or failed call is tried again, with capped and jittered backoff, under the same
/// clientToken, until the caller's deadline: only Braket's definite answer (409, 404, 403, 400) ends
/// a task sooner, and a retried cancellation stays one cancellation.
/// </summary>
[HotPath]
public sealed partial class TaskCanceller(IBraketApi braket, TimeProvider time, ILogger<TaskCanceller> logger)
{
    /// <summary>A person waiting on one cancel (/braket cancel) hears back within about half a minute, as before.</summary>
    private static readonly TimeSpan PersonPatience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PersonMaxWait = TimeSpan.FromSeconds(8);

    /// <summary>One cancel a person waits for.</summary>
    public Task<CancelOutcome> CancelOneAsync(QuantumTaskSummary task, string clientToken, CancellationToken cancellationToken) =>
        CancelOneAsync(task, clientToken, new CancelRetry(time.GetUtcNow() + PersonPatience, PersonMaxWait), cancellationToken);

    /// <param name="clientToken">Braket's idempotency token: the same token for the same cancellation, even from another host.</param>
    /// <param name="retry">How long failures are tried again; past it the task is <see cref="CancelResult.Left"/>.</param>
    public async Task<CancelOutcome> CancelOneAsync(
        QuantumTaskSummary task,
        string clientToken,
        CancelRetry retry,
        CancellationToken cancellationToken
    )
    {
        if (!QuantumTaskArn.TryParse(task.QuantumTaskArn, out var arn))
            return new CancelOutcome(task, CancelResult.Failed, "not a quantum task ARN");

        for (var failures = 1; ; failures++)
        {
            var result = await braket.CancelQuantumTaskAsync(arn, clientToken, cancellationToken);
            if (result.IsSuccess)
            {
                LogCancelled(arn.Value, result.Value);
                return new CancelOutcome(
                    task,
                    CancelResult.Cancelled,
                    result.Value == CancellationStatus.Cancelled ? "cancelled" : "cancelling"
                );
            }
            var error = result.Error!;
            switch (error.Kind)
            {
                case BraketErrorKind.Conflict:
                    return await ExplainConflictAsync(task, arn, cancellationToken);
                case BraketErrorKind.NotFound:
                    return new CancelOutcome(task, CancelResult.NotFound, "Braket does not know this task");
                case BraketErrorKind.AccessDenied or BraketErrorKind.CredentialsRefused or BraketErrorKind.Validation:
                    return new CancelOutcome(task, CancelResult.Failed, error.Describe());
            }
            // Anything else may pass: throttling, a 5xx, a timeout, a lost connection, an open breaker, credentials not fetched yet.
            var wait = Backoff.After(failures, retry.FirstWait, retry.MaxWait);
            if (time.GetUtcNow() + wait >= retry.Until)
            {
                LogLeft(arn.Value, failures, error.Kind);
                return new CancelOutcome(task, CancelResult.Left, $"Braket kept failing ({error.Describe()})");
            }
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>A 409 means the task moved on; say where it is now.</summary>
    private async Task<CancelOutcome> ExplainConflictAsync(QuantumTaskSummary task, QuantumTaskArn arn, CancellationToken cancellationToken)
    {
        var current = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        if (!current.IsSuccess)
            return new CancelOutcome(task, CancelResult.NotCancellable, "its state no longer allows cancelling");
        var status = current.Value!.Status;
        return status is QuantumTaskStatus.Cancelling or QuantumTaskStatus.Cancelled
            ? new CancelOutcome(current.Value, CancelResult.Cancelled, "already " + status.ToWire())
            : new CancelOutcome(
                current.Value,
                CancelResult.NotCancellable,
                $"it is {status.ToWire()} now; only QUEUED or CREATED tasks can be cancelled"
            );
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Task} ({Status})")]
    private partial void LogCancelled(string task, CancellationStatus status);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Cancel of {Task} failed {Failures} times ({Kind}); left, as its deadline comes before the next try"
    )]
    private partial void LogLeft(string task, int failures, BraketErrorKind kind);
}
