namespace BraketBot.Enforcement;

/// <summary>A "Braket Task State Change" or "Braket Job State Change" event, or why the body is not one.</summary>
public abstract record EventParse
{
    /// <summary>An event of Braket's that the intake takes: a task's or a hybrid job's state change.</summary>
    public abstract record BraketEvent(string EventId) : EventParse;

    /// <param name="Account">The account the event says it comes from.</param>
    /// <param name="Region">The region the event was raised in (the task's own).</param>
    /// <param name="Time">When the state changed, as EventBridge stamps it; null when the event does not say.</param>
    public sealed record TaskEvent(string EventId, string Account, string Region, QuantumTaskSummary Task, DateTimeOffset? Time)
        : BraketEvent(EventId);

    /// <summary>A hybrid job's state change: its ARN and new status (QUEUED, RUNNING, COMPLETED, FAILED, CANCELLING, CANCELLED).</summary>
    public sealed record JobEvent(string EventId, string Account, string Region, HybridJobArn Job, string Status) : BraketEvent(EventId);

    /// <summary>A well-formed event of another kind, acknowledged and left alone.</summary>
    public sealed record Other(string EventId, string DetailType) : EventParse;

    public sealed record Invalid(string Reason) : EventParse;
}
