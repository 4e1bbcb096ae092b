using System.Security.Cryptography;
using System.Text;
using BraketBot.Ports;
using BraketBot.Usage;
using BraketBot.Telemetry;

namespace BraketBot.Enforcement;

/// <summary>
/// Carries one run from wherever it stands: the message first (so people hear of a breach before
/// any cancel completes), then the cancels, each saved as it lands, with the message kept up to date,
/// then the outcome in place. Resumed on another host, it repeats nothing that was saved.
/// </summary>
public sealed partial class RunExecutor(
    IBotStore store,
    TaskCanceller canceller,
    JobCancellation jobs,
    RunMessages messages,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<RunExecutor> logger)
{
    /// <summary>Cancels in flight at once; the client's quota pacing decides the rate.</summary>
    private const int Parallelism = 4;

    private static readonly TimeSpan[] DeliveryBackoff =
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <param name="progress">Told the run as it stands after each cancel (the terminal's progress bar).</param>
    /// <returns>The run as this host leaves it: finished, or as far as it got when another host took it over.</returns>
    public async Task<EnforcementRun> ExecuteAsync(EnforcementRun run, string owner, CancellationToken stoppingToken, IProgress<EnforcementRun>? progress = null)
    {
        using var session = new RunSession(run, owner, store);
        await using var keeper = new LeaseKeeper(RunWorker.Lease, session.RenewAsync, time, stoppingToken);
        var token = keeper.Token;
        try
        {
            if (session.Run.FinishedAt is null)
            {
                await messages.ShowAsync(session, final: false, token); // the alert first: a failure here must not hold back the cancels
                await jobs.CancelAsync(session, token); // a running job would queue more tasks: it goes first, once
                await CancelPendingAsync(session, progress, token);
                session.Update(r => r with { FinishedAt = time.GetUtcNow() });
                await session.SaveAsync(token);
            }
            await DeliverOutcomeAsync(session, token);
            await messages.ChartInThreadAsync(session.Run, token);
            session.Update(r => r with { Finished = true });
            await session.SaveAsync(token);
            // The scope is free for the next click; task claims run out on their own, so a failed cancel is retried later, not at once.
            if (session.Run.Scope is { } scope) await store.ReleaseClaimsAsync([scope.RunKey], session.Run.Id, CancellationToken.None);
            var finished = session.Run;
            LogFinished(finished.Id, finished.Kind, finished.Cancelled, finished.Tasks.Count);
            return finished;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
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

    private async Task CancelPendingAsync(RunSession session, IProgress<EnforcementRun>? progress, CancellationToken cancellationToken)
    {
        var run = session.Run;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var left = run.Deadline - time.GetUtcNow();
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        try
        {
            await Parallel.ForEachAsync(
                run.Pending.ToList(),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = deadline.Token },
                async (task, ct) =>
                {
                    var summary = new QuantumTaskSummary(task.Arn, QuantumTaskStatus.Queued, task.DeviceArn, task.Shots, run.CreatedAt);
                    var outcome = await canceller.CancelOneAsync(summary, ClientToken(run.Id, task.Arn), ct);
                    session.Update(r => r.With(task.Arn, outcome.Result, outcome.Detail));
                    metrics.Cancel(run.Kind == RunKind.CancelAll ? "button" : "cap", outcome.Result.ToString().ToLowerInvariant());
                    // The ledger hears of the cancel at once, not only when Braket's event about it comes.
                    if (outcome.Result == CancelResult.Cancelled)
                        await store.RecordAsync([new LedgerTask(summary with { Status = QuantumTaskStatus.Cancelling }, run.Day, time.GetUtcNow())], cancellationToken);
                    await session.SaveAsync(cancellationToken);
                    progress?.Report(session.Run);
                    await messages.ShowAsync(session, final: false, cancellationToken);
                });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogDeadline(run.Id, run.Deadline);
            session.Update(r => r.GiveUpPending("not tried: the run reached its deadline"));
            await session.SaveAsync(cancellationToken);
        }
    }

    /// <summary>The outcome, in place of the progress; Slack failing only delays it.</summary>
    private async Task DeliverOutcomeAsync(RunSession session, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await messages.ShowAsync(session, final: true, cancellationToken)) return;
            if (time.GetUtcNow() > session.Run.CreatedAt + RunMessages.Patience(session.Run))
            {
                LogGaveUpDelivery(session.Run.Id);
                return;
            }
            await Task.Delay(DeliveryBackoff[Math.Min(attempt, DeliveryBackoff.Length - 1)], time, cancellationToken);
        }
    }

    /// <summary>The same token for the same task of the same run, on any host: a resumed cancel is the same cancellation.</summary>
    public static string ClientToken(string runId, string arn) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}|{arn}")).AsSpan(0, 16)).ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} was taken over by another host (this one was too slow to renew its lease); it stops here")]
    private partial void LogLost(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ({Kind}) finished: {Cancelled} of {Tasks} tasks cancelled")]
    private partial void LogFinished(string runId, RunKind kind, int cancelled, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} reached its deadline {Deadline}; what is left is reported as not tried")]
    private partial void LogDeadline(string runId, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId}: Slack did not take its message for a day; giving up on it")]
    private partial void LogGaveUpDelivery(string runId);
}

/// <summary>A run held by this host: its latest state, saved (which renews the lease) one save at a time.</summary>
public sealed class RunSession(EnforcementRun run, string owner, IBotStore store) : IDisposable
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim saving = new(1, 1);
    private EnforcementRun current = run;

    public EnforcementRun Run
    {
        get { lock (gate) return current; }
    }

    public void Dispose() => saving.Dispose();

    public void Update(Func<EnforcementRun, EnforcementRun> change)
    {
        lock (gate) current = change(current);
    }

    /// <summary>Saves the run; throws <see cref="RunLostException"/> when another host holds it now.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!await SaveAsync(RunWorker.Lease, cancellationToken)) throw new RunLostException(Run.Id);
    }

    /// <returns>False when the lease was lost to another host.</returns>
    public Task<bool> RenewAsync(CancellationToken cancellationToken) => SaveAsync(RunWorker.Lease, cancellationToken);

    /// <summary>Saves and lets the lease lapse at once, for the next host to resume.</summary>
    public Task ReleaseAsync() => SaveAsync(TimeSpan.Zero, CancellationToken.None);

    private async Task<bool> SaveAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken);
        try
        {
            return await store.SaveRunAsync(Run, owner, lease, cancellationToken);
        }
        finally
        {
            saving.Release();
        }
    }
}

/// <summary>Another host took the run over: this one stops without touching it again.</summary>
public sealed class RunLostException(string runId) : Exception($"Run {runId} is held by another host now.");
