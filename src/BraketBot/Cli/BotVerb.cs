using BraketBot.Commands;
using BraketBot.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

/// <summary>
/// A command of the terminal, on the bot's own services: refused with the host's own words when the
/// configuration (or a database that does not answer) would stop the host from starting.
/// </summary>
public abstract class BotVerb<TSettings>(IServiceProvider services, Terminal terminal) : AsyncCommand<TSettings>
    where TSettings : VerbSettings
{
    protected Terminal Terminal => terminal;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var failures = StartupValidation.ConfigurationFailures(services);
        if (failures.Count == 0)
            failures = await StartupValidation.CheckFailuresAsync(services);
        if (failures.Count > 0)
            return terminal.Refuse(string.Join("\n", failures.Select(f => $"BraketBot cannot run: {f}")), settings);
        return await RunAsync(settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);

    /// <summary>What the parser of /braket found wrong with the words.</summary>
    protected static string Problem(ParsedCommand parsed) =>
        parsed is ParsedCommand.Help { Problem: { } problem } ? problem : "Not understood.";
}
