namespace BraketBot.Enforcement;

/// <summary>Another host took the run over: this one stops without touching it again.</summary>
public sealed class RunLostException(string runId) : Exception($"Run {runId} is held by another host now.");
