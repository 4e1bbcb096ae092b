using BraketBot.Commands;
using BraketBot.Slack;

namespace BraketBot.Reports;

public static class HelpView
{
    public static SlackMessage Render(string? problem)
    {
        var usage = string.Join('\n',
            "*/braket* watches this team's Amazon Braket usage.",
            $"• `/braket {InfoCommand.Name} [DATE] [DEVICE]`: tasks, shots and estimated cost per status. DATE is {CommandParser.DateForms}; DEVICE is a name like `Aspen-M-1` or a device ARN (all devices when left out).",
            $"• `/braket {CancelCommand.Name} TASK-ARN`: cancels a QUEUED or CREATED task.",
            $"• `/braket {CapsCommand.Name}`: the daily caps and today's usage against them.",
            $"• `/braket {LimitsCommand.Name}`: Braket's own spending limits per device.",
            $"• `/braket {HelpCommand.Name}`: this text.");
        var blocks = new List<Block>();
        if (problem is not null) blocks.Add(new SectionBlock(TextObject.Markdown($":warning: {problem}")));
        blocks.Add(new SectionBlock(TextObject.Markdown(usage)));
        return new SlackMessage(problem is null ? usage : $"{problem}\n{usage}", blocks);
    }
}
