using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>
/// Learns what each task was created for (a reservation, a hybrid job, or neither) once in its life:
/// the ledger's row says when it knows, else one GetQuantumTask asks Braket, and the answer is
/// recorded in the row so that no one asks again. Only tasks that can cost or be cancelled are asked
/// about; a task Braket does not answer for keeps no origin, and is never cancelled as on demand; a
/// task Braket does not know is dropped from the ledger, as a scan would drop it.
/// </summary>
[HotPath]
public sealed partial class TaskOrigins(
    ILedgerStore store,
    IBraketApi braket,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<TaskOrigins> logger
)
{
    /// <summary>GetQuantumTask calls in flight at once; the client's quota pacing (100 a second) sets the rate.</summary>
    private const int Parallelism = 8;

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4),
        TimeSpan.FromSeconds(8),
    ];

    /// <summary>Whether the task's origin matters: it can still cost (or be cancelled). Failed and cancelled tasks cost nothing.</summary>
    public static bool Matters(QuantumTaskSummary task) =>
        task.Status is QuantumTaskStatus.Created or QuantumTaskStatus.Queued or QuantumTaskStatus.Running or QuantumTaskStatus.Completed;

    /// <summary>The tasks, each with its origin where the ledger knows it or Braket told it now (and the ledger recorded it).</summary>
    public async Task<IReadOnlyList<QuantumTaskSummary>> WithOriginsAsync(
        IReadOnlyList<QuantumTaskSummary> tasks,
        CancellationToken cancellationToken
    )
    {
        var zone = capsOptions.CurrentValue.Zone;
        var known = new Dictionary<string, TaskOrigin>(StringComparer.Ordinal);
        foreach (var day in tasks.Where(t => t.Origin is null && Matters(t)).Select(t => Day.Of(t.CreatedAt, zone)).Distinct())
        {
            foreach (var row in await store.LedgerTasksAsync(day, null, cancellationToken))
                if (row.Task.Origin is { } origin)
                    known[row.Task.QuantumTaskArn] = origin;
        }
        var unknown = tasks
            .Where(t => t.Origin is null && Matters(t) && !known.ContainsKey(t.QuantumTaskArn))
            .DistinctBy(t => t.QuantumTaskArn)
            .ToList();
        foreach (var learnt in await LearnAsync(unknown, cancellationToken))
            known[learnt.QuantumTaskArn] = learnt.Origin!;
        return tasks
            .Select(t => t.Origin is null && known.TryGetValue(t.QuantumTaskArn, out var origin) ? t with { Origin = origin } : t)
            .ToList();
    }

    /// <summary>
    /// The origins the ledger knows of a day's CREATED or QUEUED tasks: a cap run reads them once, then checks each task it
    /// was planned without (<see cref="RunTask.OriginUnchecked"/>) here first and asks Braket only of the rest.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TaskOrigin>> KnownAsync(Day day, CancellationToken cancellationToken) =>
        (await store.LedgerTasksAsync(day, [QuantumTaskStatus.Created, QuantumTaskStatus.Queued], cancellationToken))
            .Where(t => t.Task.Origin is not null)
            .ToDictionary(t => t.Task.QuantumTaskArn, t => t.Task.Origin!, StringComparer.Ordinal);

    /// <summary>
    /// One task's origin asked of Braket, the answer recorded in the ledger: a cap run's check just before its cancel.
    /// NotFound when Braket does not know the task (dropped from the ledger, as a scan would drop it); another error when
    /// Braket did not tell.
    /// </summary>
    public async Task<BraketResult<TaskOrigin>> LearnAsync(QuantumTaskSummary task, CancellationToken cancellationToken)
    {
        if (!QuantumTaskArn.TryParse(task.QuantumTaskArn, out var arn))
            return new BraketError(BraketErrorKind.Validation, "GetQuantumTask", "not a quantum task ARN");
        var described = await DescribeAsync(arn, cancellationToken);
        if (described.Value?.Origin is { } origin)
        {
            await RecordAsync([described.Value], cancellationToken);
            return origin;
        }
        if (described.Error?.Kind == BraketErrorKind.NotFound)
            await store.ForgetAsync([task.QuantumTaskArn], cancellationToken);
        else
            LogNotLearnt(task.QuantumTaskArn, described.Error?.Kind.ToString() ?? "no origin");
        return described.Error ?? new BraketError(BraketErrorKind.Unexpected, "GetQuantumTask", "no origin");
    }

    /// <summary>One GetQuantumTask per task, each answer recorded in the ledger; returns the tasks Braket described.</summary>
    private async Task<IReadOnlyList<QuantumTaskSummary>> LearnAsync(
        IReadOnlyList<QuantumTaskSummary> tasks,
        CancellationToken cancellationToken
    )
    {
        if (tasks.Count == 0)
            return [];
        var learnt = new System.Collections.Concurrent.ConcurrentBag<QuantumTaskSummary>();
        var unknown = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            tasks,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (task, ct) =>
            {
                if (!QuantumTaskArn.TryParse(task.QuantumTaskArn, out var arn))
                    return;
                var described = await DescribeAsync(arn, ct);
                if (described.IsSuccess && described.Value!.Origin is not null)
                    learnt.Add(described.Value);
                else if (described.Error?.Kind == BraketErrorKind.NotFound)
                    unknown.Add(task.QuantumTaskArn);
                else
                    LogNotLearnt(task.QuantumTaskArn, described.Error?.Kind.ToString() ?? "no origin");
            }
        );
        await RecordAsync(learnt.ToList(), cancellationToken);
        await store.ForgetAsync(unknown.ToList(), cancellationToken);
        var described = learnt.ToList();
        var (reserved, ofJobs) = (described.Count(t => t.IsReserved), described.Count(t => t.Billing == TaskBilling.Job));
        LogLearnt(described.Count, reserved, ofJobs);
        return described;
    }

    /// <summary>GetQuantumTask; a throttle or an outage is not Braket's answer: asked again with backoff, so a task is not left
    /// unchecked by a blip.</summary>
    private async Task<BraketResult<QuantumTaskSummary>> DescribeAsync(QuantumTaskArn arn, CancellationToken cancellationToken)
    {
        var described = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        for (
            var attempt = 0;
            described.Error?.Kind is BraketErrorKind.Throttled or BraketErrorKind.Unavailable && attempt < Backoff.Length;
            attempt++
        )
        {
            await Task.Delay(Backoff[attempt], time, cancellationToken);
            described = await braket.GetQuantumTaskAsync(arn, cancellationToken);
        }
        return described;
    }

    /// <summary>GetQuantumTask is Braket's word: the rows are confirmed too.</summary>
    private async Task RecordAsync(IReadOnlyList<QuantumTaskSummary> described, CancellationToken cancellationToken)
    {
        var zone = capsOptions.CurrentValue.Zone;
        var now = time.GetUtcNow();
        await store.RecordAsync(
            described.Select(t => new LedgerTask(t, Day.Of(t.CreatedAt, zone), now) { Confirmed = true }).ToList(),
            cancellationToken
        );
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Learnt the origin of {Tasks} tasks from Braket: {Reserved} reserved, {Jobs} of hybrid jobs"
    )]
    private partial void LogLearnt(int tasks, int reserved, int jobs);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The origin of {Task} is not known ({Reason}): it is priced on demand and no cap cancels it"
    )]
    private partial void LogNotLearnt(string task, string reason);
}
