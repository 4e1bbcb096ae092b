namespace BraketBot.Views;

/// <summary>What a "Cancel the rest" button carries: the run whose left tasks it cancels, and the scope it names.</summary>
/// <param name="CreatedBefore">
/// Set when the run's host stopped with in-memory storage, whose list of what the run left dies with it: the button then
/// takes the scope's tasks created before the run, as every task the run left was.
/// </param>
/// <param name="Devices">
/// With <paramref name="CreatedBefore"/>, the ARNs of the devices the run's tasks were on: the button takes none elsewhere,
/// though the scope says every device. Null in buttons posted before it was carried.
/// </param>
public sealed record RestOfRun(
    string RunId,
    CancelScope Scope,
    DateTimeOffset? CreatedBefore = null,
    IReadOnlyList<string>? Devices = null
);
