using BraketBot.Commands;
using BraketBot.Usage;

namespace BraketBot.Info;

/// <summary>/braket info [DATE] [DEVICE]: a device's (or every device's) tasks of a day, from the ledger when it holds the day.</summary>
public sealed class InfoCommand(DayScanner scanner, InfoReportBuilder reports)
{
    public const string Name = Subcommands.Info;

    public Task<SlashReply> HandleAsync(ParsedCommand.Info info, CancellationToken cancellationToken) =>
        reports.InfoAsync(info.Day.Resolve(scanner.Today()), info.Device, scan: false, cancellationToken);

    public Task<CommandResult<InfoReport>> ReportAsync(ParsedCommand.Info info, CancellationToken cancellationToken) =>
        reports.ReportAsync(info.Day.Resolve(scanner.Today()), info.Device, scan: false, cancellationToken);
}
