namespace BraketBot.Cancel;

/// <summary>A task cancelled on request: what Braket answered, the task's device, and when.</summary>
public sealed record CancelReport(CancelOutcome Outcome, DeviceSummary Device, DateTimeOffset At);
