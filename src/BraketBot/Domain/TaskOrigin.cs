namespace BraketBot.Domain;

/// <summary>
/// What a task was created for, as only GetQuantumTask tells (searches and events do not): a Braket
/// Direct reservation (its association of type RESERVATION_TIME_WINDOW_ARN), a hybrid job (its
/// jobArn), or neither (on demand). A task whose origin is not known yet carries none at all.
/// </summary>
public sealed record TaskOrigin(string? ReservationArn, string? JobArn)
{
    public const string ReservationAssociation = "RESERVATION_TIME_WINDOW_ARN";

    public static readonly TaskOrigin OnDemand = new(null, null);

    /// <summary>Paid by the reservation's hours: never priced per task or shot, never cancelled by a cap.</summary>
    public bool IsReserved => ReservationArn is not null;

    public bool IsJob => JobArn is not null && !IsReserved;

    public TaskBilling Billing =>
        IsReserved ? TaskBilling.Reserved
        : IsJob ? TaskBilling.Job
        : TaskBilling.OnDemand;
}
