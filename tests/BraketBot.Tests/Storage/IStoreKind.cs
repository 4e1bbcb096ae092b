namespace BraketBot.Tests.Storage;

/// <summary>Where a contract suite's stores live: in memory, or in PostgreSQL.</summary>
public interface IStoreKind
{
    /// <summary>Why this kind's tests are skipped here; null when they run.</summary>
    static abstract string? Unavailable { get; }

    /// <summary>A store of each role over a fresh, empty state.</summary>
    static abstract Task<TestStores> OpenAsync();
}
