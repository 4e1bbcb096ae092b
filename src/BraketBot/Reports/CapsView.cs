using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

/// <summary>What /braket caps shows: the caps in force and today's usage against each (none when no cap is set).</summary>
public sealed record CapsReport(CapsOptions Caps, DayWindow Today, IReadOnlyList<CapStanding> Standings);

public static class CapsView
{
    public static SlackMessage Render(CapsReport report)
    {
        var (caps, _, standings) = report;
        var title = Title(report);
        if (standings.Count == 0)
            return new SlackMessage(NoCaps, [new HeaderBlock(TextObject.Plain(title)), new SectionBlock(TextObject.Markdown(NoCaps))]);
        var lines = standings.Select(Format.Standing).ToList();
        return new SlackMessage(
            title + "\n" + string.Join('\n', lines),
            [
                new HeaderBlock(TextObject.Plain(title)),
                new SectionBlock(TextObject.Markdown(string.Join('\n', lines))),
                new ContextBlock([TextObject.Markdown(Rules(caps))]),
            ]);
    }

    public const string NoCaps = "No caps are configured. Set `Caps:MaxShotsPerDay` / `Caps:MaxCostPerDay`, or per device " +
                                 "`Caps:Devices:{name}:MaxShotsPerDay` / `:MaxCostPerDay`.";

    public static string Title(CapsReport report) => $"Daily caps on {report.Today.Day} ({report.Caps.TimeZone})";

    /// <summary>What the caps count and what a breach does.</summary>
    public static string Rules(CapsOptions caps)
    {
        var counted = caps.Basis == CapBasis.Day ? "CREATED, QUEUED, RUNNING and COMPLETED tasks" : "QUEUED tasks only";
        var action = caps.Action == CapAction.CancelQueued ? "queued tasks are cancelled" : "dry run: alerts only, nothing is cancelled";
        return $"Counts {counted} · warns at {caps.WarnAt:P0} · on a breach {action}";
    }
}
