using BraketBot.Messages;
using BraketBot.Views;

namespace BraketBot.Info;

/// <summary>/braket info budget NAME in Block Kit: the team's devices, its caps, and a button that cancels only its queued tasks.</summary>
public static class BudgetDayView
{
    public static SlackMessage Render(BudgetDayReport report)
    {
        var day = report.Usage.Window.Day;
        var title = $"{report.Budget.Describe()} on {day} ({report.TimeZone})";
        var blocks = new List<Block> { new HeaderBlock(TextObject.Plain(SlackMessage.Shorten(title, 150))) };
        var devices = report.Usage.Devices;
        var body =
            devices.Count == 0
                ? $"No task of budget {report.Budget.Name} was created on {day}."
                : Format.DeviceTable(devices, total: devices.Count > 1);
        blocks.Add(new SectionBlock(TextObject.Markdown(body)));
        if (report.Standings.Count > 0)
            blocks.Add(new SectionBlock(TextObject.Markdown(string.Join('\n', report.Standings.Select(Format.Standing)))));
        var queued = devices.Aggregate(StatusTally.None, (sum, d) => sum.Add(d.Cancellable));
        if (queued.Tasks > 0)
            blocks.Add(new ActionsBlock([Buttons.CancelAllQueued(CancelScope.OfBudget(day, report.Budget), queued.Tasks, queued.Shots)]));
        return new SlackMessage(title + "\n" + body, blocks);
    }
}
