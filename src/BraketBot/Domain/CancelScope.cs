using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>
/// What a "Cancel all queued" run covers: one day, and either one device (by ARN) or, said in so
/// many words, every device; narrowed to one team's budget (its tagged tasks on its devices) when
/// <see cref="Budget"/> is set. A missing device never means "every device".
/// </summary>
public sealed record CancelScope(Day Day, string? DeviceArn, string? DeviceName, bool AllDevices, BudgetScope? Budget = null)
{
    public static CancelScope Device(Day day, DeviceSummary device) => new(day, device.DeviceArn, device.DeviceName, false);

    public static CancelScope EveryDevice(Day day) => new(day, null, null, true);

    /// <summary>A budget's tasks of the day, on whichever of its devices they are.</summary>
    public static CancelScope OfBudget(Day day, BudgetScope budget) => new(day, null, null, true, budget);

    /// <summary>Exactly one of "a device ARN" and "all devices".</summary>
    [JsonIgnore]
    public bool IsValid => AllDevices ? DeviceArn is null : DeviceArn.IsDeviceArn();

    public string Describe() => Budget?.Describe() ?? (AllDevices ? "all devices" : DeviceName ?? DeviceArn ?? "");

    /// <summary>The store key that lets one run at a time work on this scope; a budget's name folded as the budgets compare
    /// names.</summary>
    [JsonIgnore]
    public string RunKey =>
        $"cancel-all:{Day}:{(AllDevices ? "all" : DeviceArn)}{(Budget is { } b ? ":budget:" + b.Name.ToUpperInvariant() : "")}";

    public bool Covers(QuantumTaskSummary task, DeviceSummary device) =>
        (AllDevices || task.DeviceArn == DeviceArn) && (Budget is null || Budget.Covers(task, device));
}
