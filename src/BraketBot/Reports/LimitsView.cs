using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

/// <summary>What /braket limits shows: Braket's own spending limits, each with its device, by device name.</summary>
public sealed record LimitsReport(IReadOnlyList<DeviceLimit> Limits)
{
    public static LimitsReport Of(IEnumerable<SpendingLimit> limits, Func<string, DeviceSummary> describe) =>
        new(limits
            .Select(l => new DeviceLimit(describe(l.DeviceArn), l))
            .OrderBy(l => l.Device.DeviceName, StringComparer.OrdinalIgnoreCase)
            .ToList());
}

public sealed record DeviceLimit(DeviceSummary Device, SpendingLimit Limit);

public static class LimitsView
{
    public const string Title = "Braket spending limits";

    public const string None = "No Braket spending limits are set in the watched regions (see Braket console › Spending limits).";

    public static SlackMessage Render(LimitsReport report)
    {
        var limits = report.Limits;
        if (limits.Count == 0)
            return new SlackMessage(None, [new HeaderBlock(TextObject.Plain(Title)), new SectionBlock(TextObject.Markdown(None))]);
        var rows = limits
            .Select(l => (IReadOnlyList<string>)
            [
                l.Device.DeviceName, Format.Money(l.Limit.Limit), Format.Money(l.Limit.QueuedSpend), Format.Money(l.Limit.TotalSpend),
                Format.Period(l.Limit),
            ]);
        var table = Format.Table(["Device", "Limit", "Queued", "Spent", "Period"], rows);
        return new SlackMessage(Title, [new HeaderBlock(TextObject.Plain(Title)), new SectionBlock(TextObject.Markdown(table))]);
    }
}
