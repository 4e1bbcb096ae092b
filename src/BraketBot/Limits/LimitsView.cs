using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Views;

namespace BraketBot.Limits;

public static class LimitsView
{
    public const string Title = "Braket spending limits";

    public const string None = "No Braket spending limits are set in the watched regions. Set one with `/braket limits set DEVICE AMOUNT`.";

    public const string NotAllowed =
        "Only BraketBot's admins (`Slack:Admins`) may change Braket's spending limits; with no admins listed, nobody may.";

    public const string Busy =
        "Braket's spending limits are being changed right now (a renewal, or another person's change). Try again in a minute.";

    public static SlackMessage Render(LimitsReport report)
    {
        var limits = report.Limits;
        if (limits.Count == 0)
            return new SlackMessage(None, [new HeaderBlock(TextObject.Plain(Title)), new SectionBlock(TextObject.Markdown(None))]);
        var rows = limits.Select(l =>
            (IReadOnlyList<string>)
                [
                    l.Device.DeviceName,
                    Format.Money(l.Limit.Limit),
                    Format.Money(l.Limit.QueuedSpend),
                    Format.Money(l.Limit.TotalSpend),
                    Format.Period(l.Limit, report.Zone),
                    Renews(l.Limit.Renewal),
                ]
        );
        var table = Format.Table(["Device", "Limit", "Queued", "Spent", "Period", "Renewed"], rows);
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(Title)), new SectionBlock(TextObject.Markdown(table)) };
        var ended = limits.Where(l => l.Limit.Period.End <= report.Now).Select(l => l.Device.DeviceName).ToList();
        if (ended.Count > 0)
            blocks.Add(
                new SectionBlock(
                    TextObject.Markdown(
                        $":no_entry: The period of {string.Join(", ", ended.Select(n => $"*{n}*'s"))} limit has ended: Braket refuses "
                            + $"every new task there "
                            + "until the limit is renewed (`/braket limits set`) or cleared."
                    )
                )
            );
        blocks.Add(
            new ContextBlock([
                TextObject.Markdown(
                    "Braket refuses a task whose cost is over what is left of its device's limit. BraketBot renews the limits it set "
                        + "each day (or month) in `Caps:TimeZone`."
                ),
            ])
        );
        return new SlackMessage(Title, blocks);
    }

    /// <summary>One limit in a line, for the caps and info reports: amount, rhythm and, when known, what is used.</summary>
    public static string Line(SpendingLimit limit, TimeZoneInfo zone, bool withSpend) =>
        $":shield: Braket's own limit: {Format.Money(limit.Limit)} {Rhythm(limit, zone)}"
        + (
            withSpend
                ? $" · {Format.Money(limit.QueuedSpend)} queued, {Format.Money(limit.TotalSpend)} spent, {Format.Money(limit.Left)} left"
                : ""
        );

    public static string Set(LimitSetReport report, string userId)
    {
        var device = report.Device.DeviceName;
        var until = TimeZoneInfo
            .ConvertTime(report.Period.End, report.Zone)
            .ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var per = report.Amount.Renewal == LimitRenewal.Month ? "a month" : "a day";
        var renewal = $"BraketBot renews it each {(report.Amount.Renewal == LimitRenewal.Month ? "month" : "day")}.";
        return $":shield: <@{userId}> {(report.Created ? "set" : "changed")} Braket's spending limit for *{device}* to "
            + $"*{Format.Money(report.Amount.Usd)} {per}*. Braket refuses {device} tasks beyond it until {until} ({report.Zone.Id}). "
            + $"{renewal}";
    }

    public static string Cleared(LimitClearedReport report, string userId) =>
        $":wastebasket: <@{userId}> cleared Braket's spending limit for *{report.Device.DeviceName}* (it was "
        + $"{Format.Money(report.Limit.Limit)} {Rhythm(report.Limit, report.Zone)}). "
        + "Braket no longer limits its spending; BraketBot's caps still apply.";

    public static string NoLimit(DeviceSummary device) => $"*{device.DeviceName}* has no Braket spending limit to clear.";

    public static string Simulator(DeviceSummary device) =>
        $"*{device.DeviceName}* is a simulator: Braket's spending limits are for QPUs only (BraketBot's caps still cover it).";

    public static string Retired(DeviceSummary device) => $"*{device.DeviceName}* is retired: Braket takes no spending limit for it.";

    public static string Unwatched(DeviceSummary device) =>
        $"*{device.DeviceName}* is in {device.Region}, which BraketBot does not watch (`Braket:Regions`), so it could not show or renew "
        + $"a limit there.";

    public static string Mirrored(DeviceSummary device, decimal usd) =>
        $"*{device.DeviceName}*'s limit mirrors its cap `Caps:Devices:{device.DeviceName}:MaxCostPerDay` ({Format.Money(usd)}) because "
        + "`Caps:NativeLimits` is `Mirror`. Change that setting instead.";

    public static string NotChanged(DeviceSummary device, BraketError error) =>
        $"Braket did not change the spending limit for *{device.DeviceName}*: {error.Describe()}";

    /// <summary>For a breach alert: the Braket limits that are used up, so Braket itself refuses those devices' tasks.</summary>
    public static string Reached(IReadOnlyList<ReachedLimit> reached) =>
        string.Join(
            '\n',
            reached.Select(r =>
                $":shield: Braket's own spending limit for *{r.DeviceName}* ({Format.Money(r.Limit)} {Rhythm(r.Renewal)}) is used up: "
                + "Braket itself refuses its new tasks"
                + (r.Renewal is null ? "." : " until the limit renews.")
            )
        );

    private static string Rhythm(SpendingLimit limit, TimeZoneInfo zone) =>
        limit.Renewal is null ? $"for {Format.Period(limit, zone)}" : Rhythm(limit.Renewal);

    private static string Rhythm(LimitRenewal? renewal) =>
        renewal switch
        {
            LimitRenewal.Day => "a day, renewed by BraketBot",
            LimitRenewal.Month => "a month, renewed by BraketBot",
            _ => "for its period",
        };

    public static string Renews(LimitRenewal? renewal) =>
        renewal switch
        {
            LimitRenewal.Day => "daily",
            LimitRenewal.Month => "monthly",
            _ => "no",
        };
}
