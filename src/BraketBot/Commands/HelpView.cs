using BraketBot.Messages;

namespace BraketBot.Commands;

public static class HelpView
{
    public static SlackMessage Render(string? problem)
    {
        var usage = string.Join(
            '\n',
            "*/braket* watches this team's Amazon Braket usage.",
            $"• `/braket {Subcommands.Info} [DATE] [DEVICE]`: tasks, shots and estimated cost per status. DATE is "
                + $"{Subcommands.DateForms}; DEVICE is a name like `Aspen-M-1` or a device ARN (all devices when left out).",
            $"• `/braket {Subcommands.Info} {Subcommands.Month} [MONTH]`: the month to date per device, day by day, and where it is "
                + $"heading. MONTH is {Subcommands.MonthForm} (this month when left out).",
            $"• `/braket {Subcommands.Chart} [DATE|{Subcommands.Month}|MONTH] [DEVICE]`: a chart of shots and cost per hour of the day "
                + $"(per day of the month), with the caps drawn in.",
            $"• `/braket {Subcommands.Cancel} TASK-ARN`: cancels a QUEUED or CREATED task.",
            $"• `/braket {Subcommands.Caps}`: the caps and today's (and this month's) usage against them.",
            $"• `/braket {Subcommands.Budgets}`: each team's budget (tasks by tag) against its caps, and the tasks in no budget.",
            $"• `/braket {Subcommands.Info} {Subcommands.Budget} NAME [DATE]`: a team's tasks of a day, with its daily caps.",
            $"• `/braket {Subcommands.Chart} {Subcommands.Budget} NAME [DATE|{Subcommands.Month}|MONTH]`: a team's chart, with its caps "
                + $"drawn in.",
            $"• `/braket {Subcommands.Limits}`: Braket's own spending limits per device.",
            $"• `/braket {Subcommands.Limits} {Subcommands.Set} DEVICE AMOUNT[/day|/month]` (admins): Braket refuses that device's tasks "
                + $"beyond the amount; BraketBot renews it each day (or month).",
            $"• `/braket {Subcommands.Limits} {Subcommands.Clear} DEVICE` (admins): removes that device's Braket limit.",
            $"• `/braket {Subcommands.Help}`: this text."
        );
        var blocks = new List<Block>();
        if (problem is not null)
            blocks.Add(new SectionBlock(TextObject.Markdown($":warning: {problem}")));
        blocks.Add(new SectionBlock(TextObject.Markdown(usage)));
        return new SlackMessage(problem is null ? usage : $"{problem}\n{usage}", blocks);
    }
}
