using System.Security.Cryptography;
using System.Text;
using BraketBot.Home;
using BraketBot.Hosting;
using BraketBot.Ports;
using BraketBot.Telemetry;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

/// <summary>
/// Carries one run from wherever it stands: the message is posted by its own loop, started with the run
/// (within moments of the first cancel, never waiting for the others) and kept up to date beside the cancels, which go at
/// Braket's pace whatever Slack does. Each cancel is saved as it lands; what the deadline leaves queued
/// is given back at once for the next run, and the outcome is shown in place. Resumed on another host,
/// it repeats nothing that was saved. A task planned with its origin unchecked is checked just before its
/// cancel (the cancels in flight look a few tasks ahead, at GetQuantumTask's far higher quota), so the first
/// cancel waits for one look-up at most.
/// </summary>
[HotPath]
public sealed partial class RunExecutor(
    IClaimStore claimStore,
    IKeyValueStore valueStore,
    IRunStore runStore,
    ILedgerStore ledgerStore,
    TaskCanceller canceller,
    TaskOrigins origins,
    JobCancellation jobs,
    RunMessages messages,
    RunShutdown shutdown,
    IOptionsMonitor<RunOptions> options,
    IOptionsMonitor<CapsOptions> capsOptions,
    IHomeNotifier home,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<RunExecutor> logger
)
{
    /// <summary>Cancels in flight at once; the client's quota pacing decides the rate.</summary>
    private const int Parallelism = 4;

    /// <param name="progress">Told the run as it stands after each cancel (the terminal's progress bar).</param>
    /// <returns>The run as this host leaves it: finished, or as far as it got when another host took it over.</returns>
    public async Task<EnforcementRun> ExecuteAsync(
        EnforcementRun run,
        string owner,
        CancellationToken stoppingToken,
        IProgress<EnforcementRun>? progress = null
    )
    {
        using var session = new RunSession(run, owner, runStore);
        using var windDown = shutdown.WindDownFor(stoppingToken);
        await using var keeper = new LeaseKeeper(RunWorker.Lease, session.RenewAsync, time, windDown?.Token ?? stoppingToken);
        var token = keeper.Token;
        try
        {
            home.RunChanged(session.Run); // its alert goes out now, beside the cancels: open Home tabs show it
            await CarryOutAsync(session, windDown, progress, token);
            if (!session.Run.Stopped)
                await messages.ChartInThreadAsync(session.Run, token); // an extra, not worth the shutdown's time
            session.Update(r => r with { Finished = true });
            await session.SaveAsync(token);
            var finished = session.Run;
            home.RunChanged(finished);
            LogFinished(finished.Id, finished.Kind, finished.Cancelled, finished.Tasks.Count, finished.Left.Count);
            return finished;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested || windDown?.Token.IsCancellationRequested == true)
        {
            // Shutting down: save where the run stands and let the lease go, so the next host resumes it at once.
            await session.ReleaseAsync();
            throw;
        }
        catch (Exception e) when (e is RunLostException || (e is OperationCanceledException && token.IsCancellationRequested))
        {
            LogLost(session.Run.Id);
            return session.Run;
        }
    }

    /// <summary>The cancels with the message loop beside them, until the outcome is shown.</summary>
    private async Task CarryOutAsync(
        RunSession session,
        RunWindDown? windDown,
        IProgress<EnforcementRun>? progress,
        CancellationToken cancellationToken
    )
    {
        using var stopShowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On a thread of its own from the start: rendering and posting the first message must not hold up the first cancel.
        var showing = Task.Run(() => messages.KeepShownAsync(session, stopShowing.Token), CancellationToken.None);
        try
        {
            if (session.Run.FinishedAt is null)
            {
                await jobs.CancelAsync(session, cancellationToken); // a running job would queue more tasks: it goes first, once
                await CancelPendingAsync(session, windDown, progress, cancellationToken);
                if (windDown is not null)
                    LeaveAtStop(session, windDown);
                session.Update(r => r with { FinishedAt = time.GetUtcNow() });
                await session.SaveAsync(cancellationToken);
            }
            await GiveBackClaimsAsync(session.Run, cancellationToken);
            messages.Changed();
            await showing;
        }
        finally
        {
            await stopShowing.CancelAsync();
            await showing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// The scope is free for the next click, and the tasks left queued for the next run (the reconcile's, or
    /// "Cancel the rest", which finds them under <see cref="RestKey"/>), at once. Claims of tasks Braket refused
    /// for good run out on their own, so they are tried again later, not at once. Repeated after a crash, it
    /// gives back what is still held.
    /// </summary>
    private async Task GiveBackClaimsAsync(EnforcementRun run, CancellationToken cancellationToken)
    {
        var left = run.Left;
        if (left.Count > 0)
            await valueStore.SetValueAsync(RestKey(run.Id), string.Join('\n', left.Select(t => t.Arn)), cancellationToken);
        var keys = left.Select(t => CapEnforcer.TaskKey(t.Arn)).ToList();
        if (run.Scope is { } scope)
            keys.Add(scope.RunKey);
        if (keys.Count > 0)
            await claimStore.ReleaseClaimsAsync(keys, run.Id, cancellationToken);
    }

    /// <summary>Where a run leaves the ARNs of the tasks it left queued, one a line, for its "Cancel the rest" button.</summary>
    public static string RestKey(string runId) => $"run-rest:{runId}";

    private async Task CancelPendingAsync(
        RunSession session,
        RunWindDown? windDown,
        IProgress<EnforcementRun>? progress,
        CancellationToken cancellationToken
    )
    {
        var run = session.Run;
        var retry = new CancelRetry(run.Deadline, options.CurrentValue.RetryMax);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var left = run.Deadline - time.GetUtcNow();
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var known = run.Pending.Any(t => t.OriginUnchecked)
            ? await origins.KnownAsync(run.Day, cancellationToken)
            : new Dictionary<string, TaskOrigin>();
        using var jobsGate = new SemaphoreSlim(1, 1);
        // Stopping for good: the cancels in flight get a while to land, sooner if the run's deadline comes first.
        using var stopped = windDown?.Stopping.Register(() =>
            deadline.CancelAfter(Within(windDown.CancelsGrace, run.Deadline - time.GetUtcNow()))
        );
        try
        {
            await Parallel.ForEachAsync(
                run.Pending.ToList(),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = deadline.Token },
                async (task, ct) =>
                {
                    if (windDown?.Stopping.IsCancellationRequested == true)
                        return; // no cancel starts once stopping: it is left
                    var summary = new QuantumTaskSummary(task.Arn, QuantumTaskStatus.Queued, task.DeviceArn, task.Shots, run.CreatedAt);
                    if (task.OriginUnchecked && !await CheckOriginAsync(session, summary, known, jobsGate, ct))
                    {
                        messages.Changed();
                        await session.SaveAsync(cancellationToken);
                        return;
                    }
                    var outcome = await canceller.CancelOneAsync(summary, ClientToken(run.Id, task.Arn), retry, ct);
                    session.Update(r => r.With(task.Arn, outcome.Result, outcome.Detail));
                    metrics.Cancel(run.Kind == RunKind.CancelAll ? "button" : "cap", outcome.Result.ToString().ToLowerInvariant());
                    messages.Changed();
                    // The ledger hears of the cancel at once, not only when Braket's event about it comes.
                    if (outcome.Result == CancelResult.Cancelled)
                        await ledgerStore.RecordAsync(
                            [new LedgerTask(summary with { Status = QuantumTaskStatus.Cancelling }, run.Day, time.GetUtcNow())],
                            cancellationToken
                        );
                    await session.SaveAsync(cancellationToken);
                    progress?.Report(session.Run);
                }
            );
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            if (windDown?.Stopping.IsCancellationRequested == true)
                return; // the cancels in flight ran out of grace: LeaveAtStop
            LogDeadline(run.Id, run.Deadline);
            session.Update(r => r.LeavePending("not cancelled by the run's deadline"));
            await session.SaveAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Checks the origin of a task the run was planned without: the ledger's word when it has one, else one GetQuantumTask.
    /// True when the run is to cancel it (a job's under Caps:Jobs = Cancel, once its job is cancelled). A reserved task, a
    /// spared job's, or one whose origin Braket did not tell moves to the run's spared, its claim given back for later runs;
    /// one Braket does not know ends as not found.
    /// </summary>
    private async Task<bool> CheckOriginAsync(
        RunSession session,
        QuantumTaskSummary task,
        IReadOnlyDictionary<string, TaskOrigin> known,
        SemaphoreSlim jobsGate,
        CancellationToken cancellationToken
    )
    {
        var arn = task.QuantumTaskArn;
        BraketResult<TaskOrigin> found = known.TryGetValue(arn, out var kept) ? kept : await origins.LearnAsync(task, cancellationToken);
        if (found.Error?.Kind == BraketErrorKind.NotFound)
        {
            session.Update(r => r.With(arn, CancelResult.NotFound, "Braket does not know this task"));
            return false;
        }
        var origin = found.Value;
        if (origin is null || !CapPolicy.Cancellable(task with { Origin = origin }, capsOptions.CurrentValue.Jobs))
        {
            session.Update(r => r.Spare(arn, origin));
            await claimStore.ReleaseClaimsAsync([CapEnforcer.TaskKey(arn)], session.Run.Id, cancellationToken);
            return false;
        }
        if (origin.IsJob)
            await jobs.CancelFoundAsync(session, origin.JobArn!, jobsGate, cancellationToken);
        session.Update(r => r.OriginChecked(arn));
        return true;
    }

    private static TimeSpan Within(TimeSpan grace, TimeSpan untilDeadline) =>
        untilDeadline < TimeSpan.Zero ? TimeSpan.Zero
        : untilDeadline < grace ? untilDeadline
        : grace;

    /// <summary>The host stops and nobody will resume the run: what it did not cancel is left, and its outcome says so.</summary>
    private void LeaveAtStop(RunSession session, RunWindDown windDown)
    {
        if (!windDown.Stopping.IsCancellationRequested || !session.Run.Pending.Any())
            return;
        session.Update(r => r.LeavePendingAtStop());
        LogStoppedWithLeft(session.Run.Id, session.Run.Left.Count);
    }

    /// <summary>The same token for the same task of the same run, on any host: a resumed cancel is the same cancellation.</summary>
    public static string ClientToken(string runId, string arn) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}|{arn}")).AsSpan(0, 16)).ToString();

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Run {RunId} was taken over by another host (this one was too slow to renew its lease); it stops here"
    )]
    private partial void LogLost(string runId);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Run {RunId} ({Kind}) finished: {Cancelled} of {Tasks} tasks cancelled, {Left} left queued"
    )]
    private partial void LogFinished(string runId, RunKind kind, int cancelled, int tasks, int left);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Run {RunId}: the host is stopping and the storage is in memory, so nobody resumes it; {Left} tasks are left queued"
    )]
    private partial void LogStoppedWithLeft(string runId, int left);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Run {RunId} reached its deadline {Deadline}; what is left is given back for the next run"
    )]
    private partial void LogDeadline(string runId, DateTimeOffset deadline);
}
