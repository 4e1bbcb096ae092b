namespace BraketBot.Domain;

/// <summary>What usage counts against a cap.</summary>
public enum CapBasis
{
    /// <summary>Every task of the day that can still cost money: CREATED, QUEUED, RUNNING, COMPLETED.</summary>
    Day,

    /// <summary>Only QUEUED tasks, as the old Lambda tool counted.</summary>
    Queued,
}
