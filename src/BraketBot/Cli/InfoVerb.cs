using BraketBot.Commands;
using BraketBot.Info;
using Spectre.Console;

namespace BraketBot.Cli;

/// <summary>`info [DATE] [DEVICE]`: the report of /braket info, a table per device.</summary>
public sealed class InfoVerb(IServiceProvider services, Terminal terminal, InfoCommand info) : BotVerb<InfoSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(InfoSettings settings, CancellationToken cancellationToken)
    {
        // The words of /braket info, read by its own parser: the same dates and device names, the same refusals.
        string[] words = [Subcommands.Info, .. new[] { settings.Date, settings.Device }.OfType<string>()];
        var parsed = CommandParser.Parse(string.Join(' ', words.Select(CommandParser.Quote)));
        if (parsed is not ParsedCommand.Info query)
            return Terminal.Refuse(Problem(parsed), settings);
        var report = await Terminal.WhileAsync("Scanning Braket…", settings, () => info.ReportAsync(query, cancellationToken));
        return Terminal.Show(report, settings, TerminalViews.Info, JsonViews.Info);
    }
}
