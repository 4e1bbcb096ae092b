using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace BraketBot.Tests.Support;

/// <summary>
/// The host's Hangfire client behind a <see cref="FlakyJobClient"/> that each test gets afresh (<see cref="Reset"/>): on a
/// shared host, a test makes its own hand-overs fail and counts them alone.
/// </summary>
public sealed class ResettableJobClient(IBackgroundJobClient real) : IBackgroundJobClient
{
    private volatile FlakyJobClient current = new(real);

    /// <summary>This test's client: no failure unless the test asks for some.</summary>
    public FlakyJobClient Current => current;

    public void Reset() => current = new FlakyJobClient(real);

    public string Create(Job job, IState state) => current.Create(job, state);

    public bool ChangeState(string jobId, IState state, string expectedState) => current.ChangeState(jobId, state, expectedState);
}
