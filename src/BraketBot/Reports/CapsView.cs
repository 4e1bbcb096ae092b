using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

/// <summary>What /braket caps shows: the caps in force and today's usage against each (none when no cap is set).</summary>
public sealed record CapsReport(CapsOptions Caps, DayWindow Today, IReadOnlyList<CapStanding> Standings);

public static class CapsView
{
    public static SlackMessage Render(CapsReport report)
    {
        var (caps, today, standings) = report;
        var title = $"Daily caps on {today.Day} ({caps.TimeZone})";
        if (standings.Count == 0)
        {
            const string none = "No caps are configured. Set `Caps:MaxShotsPerDay` / `Caps:MaxCostPerDay`, or per device " +
                                "`Caps:Devices:{name}:MaxShotsPerDay` / `:MaxCostPerDay`.";
            return new SlackMessage(none, [new HeaderBlock(TextObject.Plain(title)), new SectionBlock(TextObject.Markdown(none))]);
        }
        var counted = caps.Basis == CapBasis.Day ? "CREATED, QUEUED, RUNNING and COMPLETED tasks" : "QUEUED tasks only";
        var action = caps.Action == CapAction.CancelQueued ? "queued tasks are cancelled" : "dry run: alerts only, nothing is cancelled";
        var lines = standings.Select(Format.Standing).ToList();
        return new SlackMessage(
            title + "\n" + string.Join('\n', lines),
            [
                new HeaderBlock(TextObject.Plain(title)),
                new SectionBlock(TextObject.Markdown(string.Join('\n', lines))),
                new ContextBlock([TextObject.Markdown(
                    $"Counts {counted} · warns at {caps.WarnAt:P0} · on a breach {action}")]),
            ]);
    }
}
