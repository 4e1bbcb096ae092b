using BraketBot.Slack;

namespace BraketBot.Commands;

/// <summary>/braket info [DATE] [DEVICE]: a device's (or every device's) tasks of a day.</summary>
public sealed class InfoCommand(DayReports reports) : ISlashCommandHandler
{
    public const string Name = "info";

    public string CommandName => Name;

    public Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken)
    {
        var info = (ParsedCommand.Info)command;
        return reports.InfoAsync(info.Day.Resolve(reports.Today()), info.Device, cancellationToken);
    }
}
