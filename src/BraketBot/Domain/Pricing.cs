using System.Globalization;

namespace BraketBot.Domain;

/// <summary>
/// The price book: what a task costs, by the AWS price list's rows (none until a list is read: then the
/// built-in table), with configuration's prices in place of the list's. Rows are matched
/// as the Braket SDK's cost tracker matches them: the task's region (<c>Region Code</c>), the device by
/// <see cref="DeviceNames.PriceListName"/>, and the product family. Lookups, most to least binding:
/// <c>Pricing:PerShot</c> for the device, then for its provider; the list; the built-in table (for every
/// device before a list is read, and afterwards for retired devices the list no longer carries); and
/// for any other QPU the highest per-shot price of any QPU on the list (or in the table), never $0,
/// marked <see cref="PriceOrigin.HighestQpuPrice"/> so that every report says it is an estimate.
/// Simulators have no price here: they are billed per minute of simulation, not estimated.
/// </summary>
public sealed class Pricing
{
    private readonly PricingOptions options;
    private readonly Dictionary<string, decimal> rows = new(StringComparer.OrdinalIgnoreCase);

    public Pricing(PricingOptions options, PriceList? list = null)
    {
        this.options = options;
        List = list;
        foreach (var row in list?.Rows ?? [])
        {
            var name = row.ProductFamily switch
            {
                PriceList.TaskFamily or PriceList.ShotFamily => row.DeviceName,
                PriceList.JobTaskFamily or PriceList.JobShotFamily => row.JobDeviceName,
                PriceList.JobInstanceFamily => row.InstanceType,
                _ => "",
            };
            if (name.Length == 0 || PerUnit(row) is not { } price)
                continue;
            // Two rows for one key (the tracker would refuse them): the higher price, so that nothing is underestimated.
            var key = Key(row.RegionCode, row.ProductFamily, name);
            rows[key] = Math.Max(price, rows.GetValueOrDefault(key));
        }
        var listedShots = list?.Rows.Where(r => r.ProductFamily == PriceList.ShotFamily).Select(r => r.PricePerUnit).ToList() ?? [];
        HighestPerShot = listedShots.Count > 0 ? listedShots.Max() : BuiltInPrices.Devices.Max(p => p.PerShot);
        var listedTasks = list?.Rows.Where(r => r.ProductFamily == PriceList.TaskFamily).Select(r => r.PricePerUnit).ToList() ?? [];
        PerTask = options.PerTask ?? (listedTasks.Count > 0 ? listedTasks.Max() : BuiltInPrices.PerTask);
    }

    /// <summary>The price list in force; null while the built-in table is.</summary>
    public PriceList? List { get; }

    /// <summary>Which prices reports use: "AWS price list of 2026-11-20", or "built-in table of 2026-12-04".</summary>
    public string PricesUsed =>
        List is { } list
            ? $"AWS price list of {list.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : $"built-in table of {BuiltInPrices.Date}";

    /// <summary>The highest fee per task of any QPU (what a task of an unknown QPU is estimated at).</summary>
    public decimal PerTask { get; }

    /// <summary>The highest per-shot price of any QPU on the list (in the table before a list is read).</summary>
    public decimal HighestPerShot { get; }

    /// <summary>The on-demand price of a task on the device (families <c>Quantum Task</c>, <c>Quantum Task-Shot</c>); null for
    /// simulators.</summary>
    public DevicePrice? PriceOf(DeviceSummary device) => Lookup(device, PriceList.TaskFamily, PriceList.ShotFamily);

    /// <summary>
    /// For hybrid jobs: the price of a task a job sends to the device (families <c>Braket Managed Jobs QPU Task</c>
    /// and <c>… Task Shot</c>, matched on the <c>Device Name</c> column), falling back as <see cref="PriceOf"/> does;
    /// null for simulators.
    /// </summary>
    public DevicePrice? JobTaskPriceOf(DeviceSummary device) => Lookup(device, PriceList.JobTaskFamily, PriceList.JobShotFamily);

    /// <summary>
    /// For hybrid jobs: USD per minute of one instance of the type (e.g. <c>ml.m5.large</c>) in the region
    /// (family <c>Braket Managed Jobs Instance</c>, matched on <c>Region Code</c> and <c>Instance Type</c>, as the
    /// tracker matches its rows); before a list is read, the built-in table's. Null when neither prices it.
    /// </summary>
    public decimal? InstancePerMinute(string region, string instanceType) =>
        rows.TryGetValue(Key(region, PriceList.JobInstanceFamily, instanceType), out var price) ? price
        : List is null ? BuiltInPrices.InstancePerMinute(instanceType)
        : null;

    /// <summary>The per-shot price of the device; null for simulators.</summary>
    public decimal? PerShot(DeviceSummary device) => PriceOf(device)?.PerShot;

    /// <summary>
    /// Estimated cost of one task as Braket bills it: on demand, at a hybrid job's prices when a job sent it,
    /// nothing per task or shot when a reservation pays for it; null for simulators.
    /// </summary>
    public decimal? CostOf(QuantumTaskSummary task, DeviceSummary device) =>
        task.Billing switch
        {
            TaskBilling.Reserved => device.IsSimulator ? null : 0m,
            TaskBilling.Job => JobTaskPriceOf(device)?.CostOf(task.Shots),
            _ => PriceOf(device)?.CostOf(task.Shots),
        };

    /// <summary>
    /// The prices a report or alert about these devices used, in a sentence: the list or table, and the
    /// QPUs estimated at the highest price, by name.
    /// </summary>
    public string Describe(IEnumerable<DeviceSummary> devices)
    {
        var estimated = devices.Where(d => PriceOf(d)?.IsEstimate == true).Select(d => d.DeviceName).Distinct().Order().ToList();
        return estimated.Count == 0
            ? PricesUsed
            : $"{PricesUsed}; {string.Join(", ", estimated)} {(estimated.Count == 1 ? "is" : "are")} not priced there, "
                + $"estimated at the highest QPU price (${HighestPerShot.ToString("0.#####", CultureInfo.InvariantCulture)} a shot)";
    }

    private DevicePrice? Lookup(DeviceSummary device, string taskFamily, string shotFamily)
    {
        if (device.IsSimulator)
            return null;
        var name = DeviceNames.PriceListName(DeviceNames.ArnName(device));
        var listedTask = rows.TryGetValue(Key(device.Region, taskFamily, name), out var task) ? task : (decimal?)null;
        var perTask = options.PerTask ?? listedTask ?? PerTask;
        if (Configured(device) is { } configured)
            return new DevicePrice(perTask, configured, PriceOrigin.Configured);
        if (rows.TryGetValue(Key(device.Region, shotFamily, name), out var shot))
            return new DevicePrice(perTask, shot, PriceOrigin.PriceList);
        if (BuiltInPrices.Of(device) is { } builtIn && (List is null || builtIn.Retired))
            return new DevicePrice(perTask, builtIn.PerShot, PriceOrigin.BuiltInTable);
        return new DevicePrice(perTask, HighestPerShot, PriceOrigin.HighestQpuPrice);
    }

    private decimal? Configured(DeviceSummary device)
    {
        foreach (var (key, price) in options.PerShot)
            if (device.Names(key))
                return price;
        return options.PerShot.TryGetValue(device.ProviderName, out var byProvider) ? byProvider : null;
    }

    /// <summary>A row's price in USD per its unit, per minute for instances (the list may give hours).</summary>
    private static decimal? PerUnit(PriceRow row) =>
        row.ProductFamily != PriceList.JobInstanceFamily
            ? row.PricePerUnit
            : row.Unit.ToLowerInvariant() switch
            {
                "minutes" or "minute" or "min" or "mins" => row.PricePerUnit,
                "hrs" or "hr" or "hours" or "hour" => row.PricePerUnit / 60m,
                _ => null,
            };

    private static string Key(string region, string family, string name) => $"{region}|{family}|{name}";
}
