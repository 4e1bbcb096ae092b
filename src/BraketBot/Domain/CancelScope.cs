using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>
/// What a "Cancel all queued" run covers: one day, and either one device (by ARN) or, said in so
/// many words, every device. A missing device never means "every device".
/// </summary>
public sealed record CancelScope(Day Day, string? DeviceArn, string? DeviceName, bool AllDevices)
{
    public static CancelScope Device(Day day, DeviceSummary device) => new(day, device.DeviceArn, device.DeviceName, false);

    public static CancelScope EveryDevice(Day day) => new(day, null, null, true);

    /// <summary>Exactly one of "a device ARN" and "all devices".</summary>
    [JsonIgnore]
    public bool IsValid => AllDevices ? DeviceArn is null : DeviceArn.IsDeviceArn();

    public string Describe() => AllDevices ? "all devices" : DeviceName ?? DeviceArn ?? "";

    /// <summary>The store key that lets one run at a time work on this scope.</summary>
    [JsonIgnore]
    public string RunKey => $"cancel-all:{Day}:{(AllDevices ? "all" : DeviceArn)}";

    public bool Covers(QuantumTaskSummary task) => AllDevices || task.DeviceArn == DeviceArn;
}

/// <summary>A "Cancel all queued" button as an alert offers it: its scope and what was queued there when the alert was planned.</summary>
public sealed record CancelOffer(CancelScope Scope, int Tasks, long Shots);
