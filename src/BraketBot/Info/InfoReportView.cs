using BraketBot.Limits;
using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Info;

/// <summary>The /braket info report in Block Kit, within Slack's limits however many devices there are.</summary>
public static class InfoReportView
{
    /// <summary>Devices shown in full; the rest are summarised in one table (a device takes four blocks).</summary>
    public const int DetailedDevices = 8;

    public static SlackMessage Render(InfoReport report)
    {
        var title = Title(report);
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(title)) };
        var devices = report.Sections;

        if (devices.Count == 0)
            blocks.Add(new SectionBlock(TextObject.Markdown(NoTasks(report))));
        foreach (var device in devices.Take(DetailedDevices))
            blocks.AddRange(DeviceBlocks(device, report));
        if (devices.Count > DetailedDevices)
            blocks.Add(new SectionBlock(TextObject.Markdown(Summary(devices.Skip(DetailedDevices).ToList()))));

        if (report.Jobs.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown(string.Join('\n', report.Jobs.Select(JobLine)))));

        var accountCaps = report.AccountCaps;
        if (accountCaps.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown("*Account caps*\n" + string.Join('\n', accountCaps.Select(Format.Standing)))));

        var refresh = new InfoQuery(report.Usage.Window.Day, report.Device?.DeviceArn);
        var allQueued = devices.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Cancellable));
        var buttons = new List<ButtonElement>();
        if (report.Device is null && devices.Count > 1 && allQueued.Tasks > 0)
            buttons.Add(Buttons.CancelAllQueued(CancelScope.EveryDevice(report.Usage.Window.Day), allQueued.Tasks, allQueued.Shots));
        buttons.Add(Buttons.Refresh(refresh));
        blocks.Add(new ActionsBlock(buttons));
        blocks.Add(new ContextBlock([TextObject.Markdown(Footer(report))]));
        if (report.Freshness is { } fresh)
            blocks.Add(new ContextBlock([TextObject.Markdown(FreshnessLine(fresh, report.Usage.Window))]));

        return new SlackMessage(Fallback(title, devices), blocks);
    }

    private static IEnumerable<Block> DeviceBlocks(DeviceUsage device, InfoReport report)
    {
        var d = device.Device;
        var rows = QuantumTaskStatuses.All.Select(s =>
            (IReadOnlyList<string>)[s.ToWire(), Format.Count(device[s].Tasks), Format.Count(device[s].Shots)]
        );
        var total = device.Sum(QuantumTaskStatuses.All);
        var table = Format.Table(["Status", "Tasks", "Shots"], [.. rows, ["Total", Format.Count(total.Tasks), Format.Count(total.Shots)]]);
        var where = d.Region.Length > 0 ? d.Region : "every region";
        var retired = BuiltInPrices.IsRetired(d) ? " · retired" : "";
        yield return new SectionBlock(TextObject.Markdown($"*{d.DeviceName}* · {d.ProviderName} · {where}{retired}\n{table}"));

        var lines = new List<string> { CostLine(device) };
        if (InstanceLine(device) is { } instances)
            lines.Add(instances);
        if (ReservedLine(device, report.Reservations) is { } reserved)
            lines.Add(reserved);
        if (ByBudgetLine(device, report.ByBudget) is { } byBudget)
            lines.Add(byBudget);
        lines.AddRange(report.DeviceCaps(d).Select(Format.Standing));
        lines.AddRange(
            report
                .NativeLimits.Where(l => l.DeviceArn == d.DeviceArn)
                .Select(l => LimitsView.Line(l, report.Usage.Window.TimeZone, withSpend: false))
        );
        yield return new SectionBlock(TextObject.Markdown(string.Join('\n', lines)));

        var queued = device.Cancellable;
        if (queued.Tasks > 0)
            yield return new ActionsBlock([
                Buttons.CancelAllQueued(CancelScope.Device(report.Usage.Window.Day, d), queued.Tasks, queued.Shots),
            ]);
        yield return new DividerBlock();
    }

    public static string Title(InfoReport report) =>
        report.Device is null ? $"Braket usage on {report.Usage.Window.Day}" : $"{report.Device.DeviceName} on {report.Usage.Window.Day}";

    public static string NoTasks(InfoReport report) =>
        $"No tasks were created on {report.Usage.Window.Day} in {string.Join(", ", report.Regions)}.";

    public static string Footer(InfoReport report) =>
        $"Day in {report.TimeZone} · regions {string.Join(", ", report.Regions)} · prices: {report.Prices}, estimates only";

    /// <summary>How fresh a report from the ledger is, in Slack's mrkdwn.</summary>
    public static string FreshnessLine(LedgerFreshness fresh, DayWindow window)
    {
        var lastEvent = fresh.LastEvent is { } at ? $"last event {Format.Clock(at, window.TimeZone, window.Day)}" : "no event received yet";
        return $":card_index_box: From BraketBot's ledger: {lastEvent}, day last scanned "
            + $"{Format.Clock(fresh.LastScan, window.TimeZone, window.Day)}. *Refresh* asks Braket.";
    }

    /// <summary>What a device's day costs, in Slack's mrkdwn.</summary>
    public static string CostLine(DeviceUsage device) =>
        device.PerShot is null
            ? device.Device.IsSimulator
                ? $":moneybag: {Format.Count(device.Sum(QuantumTaskStatuses.All).Shots)} shots, {SimulatorBilling}."
                : ":moneybag: No tasks, nothing spent."
            : $":moneybag: Estimated cost: *{Format.Money(device.SpentCost)}* spent or running, *{Format.Money(device.QueuedCost)}* "
                + $"still queued "
                + $"({Format.Money(device.PerTask)} a task + {PerShot(device.PerShot.Value)} a shot)."
                + (
                    device.Origin == PriceOrigin.HighestQpuPrice
                        ? $"\n:warning: {device.Device.DeviceName} is not on the price list: estimated at the highest QPU price. "
                            + $"Set `Pricing:PerShot:{DeviceNames.ArnName(device.Device)}` to its price."
                        : ""
                );

    /// <summary>A per-shot price to its last significant digit (up to five decimals, as the price list gives them): $0.00035,
    /// $0.0975.</summary>
    private static string PerShot(decimal usd) => usd.ToString("$0.00###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How a simulator's cost is told: it is billed by the minute of simulation, which BraketBot does not estimate.</summary>
    public const string SimulatorBilling = "billed per minute, not estimated";

    /// <summary>One hybrid job of the day, in Slack's mrkdwn.</summary>
    public static string JobLine(JobUsage usage)
    {
        var job = usage.Job;
        var instance = job.InstanceType is null ? "instance unknown" : $"{job.InstanceCount} × {job.InstanceType}";
        var device = job.DeviceArn is { } arn && DeviceArn.TryParse(arn, out var parsed) ? parsed.Name : "no device";
        return $":gear: Hybrid job *{job.JobName}* · {job.Status} · {device} · {instance} · {usage.Minutes:0.#} billable min: "
            + $"about {Format.Money(usage.InstanceCost)} of instance time + {Format.Money(usage.TasksCost)} for its "
            + $"{Format.Count(usage.Tasks)} tasks "
            + $"({Format.Count(usage.Shots)} shots) = {Format.Money(usage.TotalCost)}";
    }

    /// <summary>What the hybrid jobs' instances on the device cost on the day (counted against cost caps), when any.</summary>
    public static string? InstanceLine(DeviceUsage device) =>
        device.InstanceCost > 0
            ? $":gear: Hybrid job instances: about *{Format.Money(device.InstanceCost)}* of instance time on this day "
                + $"({Format.Count(device.Instances.Select(i => i.JobArn).Distinct().Count())} jobs), counted against cost caps."
            : null;

    /// <summary>
    /// The device's reserved tasks, apart from the table, by reservation when the ledger's rows name it:
    /// the reservation's hours pay for them, never a cap cancels them.
    /// </summary>
    public static string? ReservedLine(DeviceUsage device, IReadOnlyList<ReservationUsage> reservations)
    {
        if (device.ReservedTotal is not { Tasks: > 0 } reserved)
            return null;
        var named = reservations.Where(r => r.DeviceArn == device.Device.DeviceArn).ToList();
        var which =
            named.Count > 0
                ? string.Join(
                    "; ",
                    named.Select(r =>
                        $"reserved, {Format.Count(r.Tasks)} tasks, {Format.Count(r.Shots)} shots, reservation {r.ReservationArn} "
                        + $"({Format.Count(r.Queued)} queued)"
                    )
                )
                : $"reserved, {Format.Count(reserved.Tasks)} tasks, {Format.Count(reserved.Shots)} shots "
                    + $"({Format.Count(device.ReservedSum([QuantumTaskStatus.Created, QuantumTaskStatus.Queued]).Tasks)} queued)";
        return $":lock: Braket Direct: {which}; $0 a task and a shot: the reservation's hours pay for them, and no cap cancels them.";
    }

    /// <summary>The device's counted shots and cost per budget and untagged (tasks in no budget), when budgets are configured.</summary>
    public static string? ByBudgetLine(DeviceUsage device, BudgetSplit? split) =>
        split?.On(device.Device) is { Count: > 0 } shares
            ? ":busts_in_silhouette: By budget (as caps count): "
                + string.Join(" · ", shares.Select(s => $"{s.Budget ?? "untagged"} {Format.Count(s.Shots)} shots, {Format.Money(s.Cost)}"))
            : null;

    private static string Summary(IReadOnlyList<DeviceUsage> rest)
    {
        const int maxRows = 40;
        var more = rest.Count > maxRows ? $"\n…and {rest.Count - maxRows} more devices." : "";
        return $"*{rest.Count} more devices*\n" + Format.DeviceTable(rest.Take(maxRows).ToList(), total: false) + more;
    }

    private static string Fallback(string title, IReadOnlyList<DeviceUsage> devices) =>
        title
        + ": "
        + (
            devices.Count == 0
                ? "no tasks."
                : string.Join(
                    "; ",
                    devices.Select(d => $"{d.Device.DeviceName} {d.TotalTasks} tasks, {d.Sum(QuantumTaskStatuses.All).Shots} shots")
                )
        );
}
