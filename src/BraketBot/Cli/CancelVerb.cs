using BraketBot.Cancel;
using BraketBot.Commands;

namespace BraketBot.Cli;

/// <summary>`cancel ARN`: one task, as /braket cancel does it; whoever holds the AWS credentials may already cancel.</summary>
public sealed class CancelVerb(IServiceProvider services, Terminal terminal, CancelCommand cancel)
    : BotVerb<CancelSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(CancelSettings settings, CancellationToken cancellationToken)
    {
        var parsed = CommandParser.Parse($"{Subcommands.Cancel} {settings.Task}");
        if (parsed is not ParsedCommand.Cancel task)
            return Terminal.Refuse(Problem(parsed), settings);
        var result = await cancel.CancelAsync(task.Task, Environment.UserName, CliApp.Requester, cancellationToken);
        return Terminal.Show(result, settings, TerminalViews.Cancelled, JsonViews.Cancelled);
    }
}
