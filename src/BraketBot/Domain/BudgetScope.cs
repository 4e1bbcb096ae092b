namespace BraketBot.Domain;

/// <summary>
/// What a budget's caps and cancels cover: the tasks carrying its tag, on its devices (every device when
/// none is named). Budgets are told apart by name (names are unique, in any case), so two readings of
/// one budget are the same scope.
/// </summary>
public sealed record BudgetScope(string Name, TaskTag Tag, IReadOnlyList<string> Devices)
{
    /// <summary>The budget's scope, or null when its tag is not <c>key=value</c> (start-up validation refuses that).</summary>
    public static BudgetScope? Of(string name, BudgetCaps budget) =>
        TaskTag.TryParse(budget.Tag, out var tag) ? new BudgetScope(name, tag, budget.Devices) : null;

    public bool CoversDevice(DeviceSummary device) => Devices.Count == 0 || Devices.Any(device.Names);

    public bool Covers(QuantumTaskSummary task, DeviceSummary device) => Tag.On(task) && CoversDevice(device);

    /// <summary>Whether a hybrid job's instances count in this budget: the job carries its tag and runs on one of its devices.</summary>
    public bool Covers(HybridJob job, DeviceSummary device) => Tag.On(job.Tags) && CoversDevice(device);

    /// <summary>For people: "budget alpha (team=alpha)", with its devices when it names some.</summary>
    public string Describe() => $"budget {Name} ({Tag}{(Devices.Count > 0 ? ", on " + string.Join(", ", Devices) : "")})";

    public bool Equals(BudgetScope? other) => other is not null && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);
}
