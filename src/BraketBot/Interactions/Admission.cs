namespace BraketBot.Interactions;

public enum Admission
{
    /// <summary>Taken: answered at once or queued for the background.</summary>
    Accepted,

    /// <summary>From another workspace or app than the configured ones.</summary>
    Refused,

    /// <summary>This very delivery was taken before (a replayed request, a redelivered envelope).</summary>
    Replayed,

    /// <summary>The queue is full or the host is stopping.</summary>
    Busy,
}
