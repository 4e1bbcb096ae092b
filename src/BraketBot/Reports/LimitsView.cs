using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

public static class LimitsView
{
    public static SlackMessage Render(IReadOnlyList<SpendingLimit> limits, Func<string, DeviceSummary> describe)
    {
        const string title = "Braket spending limits";
        if (limits.Count == 0)
        {
            const string none = "No Braket spending limits are set in the watched regions (see Braket console › Spending limits).";
            return new SlackMessage(none, [new HeaderBlock(TextObject.Plain(title)), new SectionBlock(TextObject.Markdown(none))]);
        }
        var rows = limits
            .OrderBy(l => describe(l.DeviceArn).DeviceName, StringComparer.OrdinalIgnoreCase)
            .Select(l => (IReadOnlyList<string>)
            [
                describe(l.DeviceArn).DeviceName, Format.Money(l.Limit), Format.Money(l.QueuedSpend), Format.Money(l.TotalSpend),
                $"{l.PeriodStart:yyyy-MM-dd}..{l.PeriodEnd:yyyy-MM-dd}",
            ]);
        var table = Format.Table(["Device", "Limit", "Queued", "Spent", "Period"], rows);
        return new SlackMessage(title, [new HeaderBlock(TextObject.Plain(title)), new SectionBlock(TextObject.Markdown(table))]);
    }
}
