namespace BraketBot.Home;

/// <summary>
/// What the run code tells the Home tab, in one line and without waiting: a run's alert is posted, or
/// the run ended. The Home tab records it and publishes afresh to the people looking at it.
/// </summary>
public interface IHomeNotifier
{
    /// <summary>Never blocks and never throws: the run goes on whatever the Home tab does.</summary>
    void RunChanged(EnforcementRun run);
}
