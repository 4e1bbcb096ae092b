namespace BraketBot.Enforcement;

/// <summary>How long an enforcement or "Cancel all queued" run keeps trying, and how long it waits between tries.</summary>
public sealed record RunOptions
{
    public const string Section = "Runs";

    /// <summary>A run keeps trying its cancels this long, plus a second per task (cancels go at 2 a second).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait between two tries of one cancel Braket keeps failing, or of the run's message while Slack fails.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DeadlineFor(int tasks) => Deadline + TimeSpan.FromSeconds(tasks);
}
