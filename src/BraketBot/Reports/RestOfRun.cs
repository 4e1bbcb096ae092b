namespace BraketBot.Reports;

/// <summary>What a "Cancel the rest" button carries: the run whose left tasks it cancels, and the scope it names.</summary>
public sealed record RestOfRun(string RunId, CancelScope Scope);
