namespace BraketBot.Enforcement;

public enum EventOutcome
{
    /// <summary>Recorded, and an evaluation started.</summary>
    Evaluating,

    /// <summary>Recorded, and joined an evaluation in flight.</summary>
    Coalesced,

    /// <summary>Recorded in the ledger; nothing to evaluate.</summary>
    Recorded,

    Duplicate,
    Ignored,
}
