namespace BraketBot.Domain;

/// <summary>A task a run cancels, with what people are told of it, fixed when the run is planned.</summary>
public sealed record RunTask(string Arn, string DeviceArn, string DeviceName, long Shots, decimal? Cost)
{
    public RunTaskState State { get; init; } = RunTaskState.Pending;

    public string? Detail { get; init; }

    /// <summary>
    /// Its reservation or hybrid job was not known when the run was planned: the run checks it just before the cancel,
    /// so that no look-up holds up the first one. False in runs stored before it was kept, whose tasks were all checked.
    /// </summary>
    public bool OriginUnchecked { get; init; }

    public static RunTask Of(QuantumTaskSummary task, DeviceSummary device, Pricing pricing) =>
        new(task.QuantumTaskArn, task.DeviceArn, device.DeviceName, task.Shots, pricing.CostOf(task, device));
}
