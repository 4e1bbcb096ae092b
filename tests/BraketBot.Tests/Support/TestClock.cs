using System.Diagnostics;

namespace BraketBot.Tests.Support;

/// <summary>
/// A clock that starts at a chosen instant and runs at real speed, so timers and delays behave
/// as in production while "today" is a day the test chose. <see cref="Shift"/> jumps it.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly long started = Stopwatch.GetTimestamp();

    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(started) + Shift;
}
