namespace BraketBot.Domain;

/// <summary>How fresh the ledger's word on a day is: the last event BraketBot received (if any) and the last scan of the day
/// merged.</summary>
public sealed record LedgerFreshness(DateTimeOffset? LastEvent, DateTimeOffset LastScan);
