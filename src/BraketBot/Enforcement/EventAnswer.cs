namespace BraketBot.Enforcement;

/// <summary>What became of an event, for the log and the sender.</summary>
public sealed record EventAnswer(EventOutcome Outcome, string Detail);
