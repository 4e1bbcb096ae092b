using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace BraketBot.Tests.Support;

/// <summary>
/// A Hangfire client that fails its first calls, as a storage outage would, then enqueues (into
/// <paramref name="inner"/> when given: the host's real client).
/// </summary>
public sealed class FlakyJobClient(IBackgroundJobClient? inner = null) : IBackgroundJobClient
{
    private readonly Lock gate = new();

    /// <summary>How many of the next calls fail.</summary>
    public int Failures { get; set; }

    public int Failed { get; private set; }

    public int Enqueued { get; private set; }

    public string Create(Job job, IState state)
    {
        lock (gate)
        {
            if (Failures > 0)
            {
                Failures--;
                Failed++;
                throw new InvalidOperationException("job storage unreachable");
            }
            Enqueued++;
        }
        return inner?.Create(job, state) ?? Enqueued.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => inner?.ChangeState(jobId, state, expectedState) ?? true;
}
