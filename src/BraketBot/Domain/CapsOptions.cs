namespace BraketBot.Domain;

public sealed record CapsOptions
{
    public const string Section = "Caps";

    public const string BudgetsSection = "Budgets";

    /// <summary>IANA zone that defines "a day".</summary>
    public string TimeZone { get; init; } = "UTC";

    public long? MaxShotsPerDay { get; init; }
    public decimal? MaxCostPerDay { get; init; }

    /// <summary>Account-wide caps over the calendar month in <see cref="TimeZone"/>.</summary>
    public long? MaxShotsPerMonth { get; init; }
    public decimal? MaxCostPerMonth { get; init; }

    /// <summary>Per-device caps, keyed by device name as people write it (<see cref="DeviceNames"/>).</summary>
    public Dictionary<string, DeviceCaps> Devices { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Teams' budgets by name, bound from the top-level <c>Budgets</c> section: caps over the tasks of a tag.</summary>
    public Dictionary<string, BudgetCaps> Budgets { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public CapBasis Basis { get; init; } = CapBasis.Day;

    /// <summary>Cancel: a cap run cancels the hybrid jobs whose queued tasks it cancels; Spare: job tasks are left alone.</summary>
    public JobsMode Jobs { get; init; } = JobsMode.Cancel;

    /// <summary>Whether shots of tasks run under a Braket Direct reservation count against shot caps (they never cost per shot).</summary>
    public bool CountReservedShots { get; init; }
    public CapAction Action { get; init; } = CapAction.CancelQueued;
    public double WarnAt { get; init; } = 0.8;

    /// <summary>Hangfire cron (five fields, or six with seconds) of the recurring reconcile.</summary>
    public string ReconcileCron { get; init; } = "*/5 * * * *";

    /// <summary>
    /// Hangfire cron (in <see cref="TimeZone"/>) of the daily full rescan of the month to date (paced), at a
    /// quiet hour: the reconcile's ticks ask only what changed, and this makes the month's totals Braket's.
    /// </summary>
    public string RescanCron { get; init; } = "30 3 * * *";

    /// <summary>Hangfire cron (in <see cref="TimeZone"/>) of yesterday's digest in the alert channel; unset: no digest.</summary>
    public string? DigestCron { get; init; }

    /// <summary>Mirror: keep a daily Braket spending limit equal to each device's MaxCostPerDay; Off: leave limits alone.</summary>
    public NativeLimitsMode NativeLimits { get; init; } = NativeLimitsMode.Off;

    /// <summary>The devices (by name) whose Braket limit Mirror keeps, with the amount in whole cents (as Braket keeps it).</summary>
    public IEnumerable<(string Device, decimal Usd)> MirroredLimits =>
        NativeLimits == NativeLimitsMode.Mirror
            ? Devices.Where(d => d.Value.MaxCostPerDay is not null).Select(d => (d.Key, decimal.Round(d.Value.MaxCostPerDay!.Value, 2)))
            : [];

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool HasAccountCap =>
        MaxShotsPerDay is not null || MaxCostPerDay is not null || MaxShotsPerMonth is not null || MaxCostPerMonth is not null;

    public bool AnyCap => HasAccountCap || Devices.Values.Any(d => d.AnyCap) || HasBudgetCaps;

    /// <summary>A budget's caps span devices: its evaluation sees every device, as the account's does.</summary>
    public bool HasBudgetCaps => Budgets.Values.Any(b => b.AnyCap);

    /// <summary>A monthly cap is in force: decisions then need the month's earlier days too.</summary>
    public bool HasMonthCaps =>
        MaxShotsPerMonth is not null
        || MaxCostPerMonth is not null
        || Devices.Values.Any(d => d.HasMonthCap)
        || Budgets.Values.Any(b => b.HasMonthCap);
}
