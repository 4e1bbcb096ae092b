using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>
/// Where a cap applies: one device, named as a person writes it (<see cref="DeviceNames"/>: the ARN's
/// last part, Braket's display name, any case, or the ARN), one team's budget (its tagged tasks on its
/// devices), or the whole account when neither is set.
/// </summary>
public sealed record CapScope(string? Device, BudgetScope? Budget = null)
{
    public static readonly CapScope Account = new((string?)null);

    [JsonIgnore]
    public bool IsAccount => Device is null && Budget is null;

    /// <summary>
    /// The store's name of the scope. A budget's is upper-cased as the budgets' OrdinalIgnoreCase
    /// comparison folds, so two budgets it tells apart never share a key; the older keys keep their lower case.
    /// </summary>
    [JsonIgnore]
    public string Key =>
        Budget is { } budget ? $"budget:{budget.Name.ToUpperInvariant()}"
        : Device is null ? "account"
        : $"device:{Device.ToLowerInvariant()}";

    /// <summary>The metrics' name of the scope: its <see cref="Key"/>, but a budget's named as configured, as people know it.</summary>
    [JsonIgnore]
    public string Label => Budget is { } budget ? $"budget:{budget.Name}" : Key;

    public string Describe() => Budget?.Describe() ?? Device ?? "all devices";

    /// <summary>Whether the scope takes in any of the device's tasks (a budget's, only those of its tag).</summary>
    public bool Covers(DeviceSummary device) => Budget?.CoversDevice(device) ?? (Device is null || device.Names(Device));

    /// <summary>Whether the task counts in this scope: on a covered device, and for a budget, carrying its tag.</summary>
    public bool Covers(QuantumTaskSummary task, DeviceSummary device) => Budget?.Covers(task, device) ?? Covers(device);
}
