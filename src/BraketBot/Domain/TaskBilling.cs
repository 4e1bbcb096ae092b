namespace BraketBot.Domain;

/// <summary>
/// How Braket bills a task, which the ledger's daily totals keep apart: on demand (also while its
/// origin is not known yet), inside a hybrid job (the job families of the price list), or under a
/// reservation (its hours, so $0 a task and a shot).
/// </summary>
public enum TaskBilling
{
    OnDemand,
    Job,
    Reserved,
}
