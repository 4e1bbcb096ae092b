using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

public static class CapsView
{
    public static SlackMessage Render(CapsOptions caps, DayWindow today, IReadOnlyList<CapStanding> standings)
    {
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
