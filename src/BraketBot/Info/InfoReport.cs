namespace BraketBot.Info;

/// <summary>
/// What an info report shows: a day's usage, the device asked for (null for all), the caps that apply,
/// the prices the estimates used (<see cref="Pricing.Describe"/>), and, when the usage is the ledger's,
/// how fresh it is (null: scanned just now).
/// </summary>
public sealed record InfoReport(
    DayUsage Usage,
    DeviceSummary? Device,
    IReadOnlyList<CapStanding> Standings,
    IReadOnlyList<string> Regions,
    string Prices,
    string TimeZone,
    LedgerFreshness? Freshness = null
)
{
    /// <summary>The day's hybrid jobs (those with tasks that day), with their instance and tasks' cost.</summary>
    public IReadOnlyList<JobUsage> Jobs { get; init; } = [];

    /// <summary>The devices the report has a section for: those with tasks, or the device asked for, without any.</summary>
    public IReadOnlyList<DeviceUsage> Sections =>
        Device is not null && Usage.Devices.Count == 0
            ? [new DeviceUsage(Device, new Dictionary<QuantumTaskStatus, StatusTally>(), null, 0)]
            : Usage.Devices;

    /// <summary>The caps on this device (of its section), by name.</summary>
    public IEnumerable<CapStanding> DeviceCaps(DeviceSummary device) =>
        Standings.Where(s => s.Cap.Scope.Device is not null && s.Cap.Scope.Covers(device));

    public IReadOnlyList<CapStanding> AccountCaps => Standings.Where(s => s.Cap.Scope.IsAccount).ToList();

    /// <summary>The day's reserved tasks by reservation, from the ledger's rows (empty when the report was scanned).</summary>
    public IReadOnlyList<ReservationUsage> Reservations { get; init; } = [];

    /// <summary>The day split by budget as their caps count it, when budgets are configured and the ledger keeps its tasks.</summary>
    public BudgetSplit? ByBudget { get; init; }

    /// <summary>Braket's own limits as last listed (info asks Braket nothing more for them).</summary>
    public IReadOnlyList<SpendingLimit> NativeLimits { get; init; } = [];
}
