namespace BraketBot.Ports;

/// <summary>What <see cref="IGuardStore.BeginGuardAsync"/> answers.</summary>
public enum GuardOutcome
{
    /// <summary>The caller holds the guard now.</summary>
    Started,

    /// <summary>A holder is in flight; it will go once more when it ends.</summary>
    Queued,
}
