using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>A task a run cancels, with what people are told of it, fixed when the run is planned.</summary>
public sealed record RunTask(string Arn, string DeviceArn, string DeviceName, long Shots, decimal? Cost)
{
    public RunTaskState State { get; init; } = RunTaskState.Pending;

    public string? Detail { get; init; }

    /// <summary>Its reservation or hybrid job was not known when the run was planned (<see cref="RunTaskState.Unchecked"/>).</summary>
    [JsonIgnore]
    public bool OriginUnchecked => State == RunTaskState.Unchecked;

    /// <summary>Still to be cancelled (its origin checked or not).</summary>
    [JsonIgnore]
    public bool IsPending => State is RunTaskState.Pending or RunTaskState.Unchecked;

    public static RunTask Of(QuantumTaskSummary task, DeviceSummary device, Pricing pricing) =>
        new(task.QuantumTaskArn, task.DeviceArn, device.DeviceName, task.Shots, pricing.CostOf(task, device));
}
