namespace BraketBot.Digest;

/// <summary>
/// One budget's part of the digest posted in its own channel: its line (the day and month against its caps), its tasks of
/// the day in every status (from the ledger's rows), and the alerts raised for its caps.
/// </summary>
public sealed record TeamDigest(BudgetLine Line, DayUsage Day, IReadOnlyList<RaisedAlert> Raised);
