namespace BraketBot.Domain;

/// <summary>
/// Tasks and shots of one device, one status, one day and one way of billing: a row of the ledger's
/// daily totals, or a change to one. Reserved and job tasks are kept apart so that each is priced as billed.
/// </summary>
public sealed record DayTally(
    Day Day,
    string DeviceArn,
    QuantumTaskStatus Status,
    StatusTally Tally,
    TaskBilling Billing = TaskBilling.OnDemand
);
