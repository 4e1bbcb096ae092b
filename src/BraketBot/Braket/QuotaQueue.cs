using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Braket;

/// <summary>
/// The callers waiting for one region's and operation's quota. A token goes, as it comes ready, to the most urgent
/// caller waiting at that moment (in arrival order among equals), so an enforcement scan that comes late still passes
/// the reconcile's queued pages. With nobody queued, a token that is ready is taken at once, without a queue.
/// </summary>
[HotPath]
public sealed class QuotaQueue(IQuotaTokens tokens)
{
    private sealed class Waiter
    {
        public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private readonly Lock gate = new();
    private readonly PriorityQueue<Waiter, (int Rank, long Arrival)> waiting = new();
    private long arrivals;
    private bool pumping;

    public Task WaitAsync(BraketPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        bool start;
        lock (gate)
        {
            // Not pumping means nobody is queued: a ready token is this caller's.
            if (!pumping && tokens.TryTakeNow())
                return Task.CompletedTask;
            waiter = new Waiter();
            if (cancellationToken.CanBeCanceled)
                waiter.Registration = cancellationToken.Register(() => waiter.Turn.TrySetCanceled(cancellationToken));
            waiting.Enqueue(waiter, (priority.Rank, arrivals++));
            start = !pumping;
            pumping = true;
        }
        // Started here, it takes its first token before this call returns and goes on by itself after its first wait,
        // outside this caller's context (its trace, its priority): it serves every caller.
        if (start)
        {
            using (ExecutionContext.SuppressFlow())
                _ = PumpAsync();
        }
        return waiter.Turn.Task;
    }

    /// <summary>A call this queue let through, sent at <paramref name="sentAt"/>, was answered.</summary>
    public void Answered(long sentAt) => tokens.Answered(sentAt);

    /// <summary>Takes tokens one at a time while anyone waits, each handed over only once it is ready.</summary>
    private async Task PumpAsync()
    {
        while (true)
        {
            int wanted;
            lock (gate)
            {
                DropGivenUp();
                if (waiting.Count == 0)
                {
                    pumping = false;
                    return;
                }
                wanted = waiting.Count;
            }
            try
            {
                await tokens.NextAsync(wanted).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // No token can be promised: the callers fail (each call answers as a failed Braket call) rather than hang.
                lock (gate)
                {
                    while (waiting.TryDequeue(out var waiter, out _))
                        waiter.Turn.TrySetException(e);
                    pumping = false;
                }
                return;
            }
            lock (gate)
            {
                DropGivenUp();
                if (waiting.TryDequeue(out var waiter, out _))
                {
                    waiter.Registration.Dispose();
                    waiter.Turn.TrySetResult();
                }
                else
                {
                    tokens.GiveBack();
                }
            }
        }
    }

    private void DropGivenUp()
    {
        while (waiting.TryPeek(out var waiter, out _) && waiter.Turn.Task.IsCompleted)
        {
            waiting.Dequeue();
            waiter.Registration.Dispose();
        }
    }
}
