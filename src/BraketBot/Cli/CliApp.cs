using BraketBot.Commands;
using BraketBot.Prices;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Logging.Console;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

/// <summary>
/// BraketBot as a command instead of a server, when the first argument is a verb: the same host,
/// built from the same configuration and services, never started; each verb runs on its services.
/// </summary>
public static class CliApp
{
    /// <summary>The words of /braket where the terminal does what the slash command does, and two of its own.</summary>
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        Doctor,
        Subcommands.Info,
        Subcommands.Caps,
        Subcommands.Budgets,
        Subcommands.Limits,
        Subcommands.Cancel,
        CancelQueued,
        Subcommands.Help,
    };

    public const string Doctor = "doctor";
    public const string CancelQueued = "cancel-queued";

    /// <summary>Who cancels from a terminal, in the log (where Slack puts a user id).</summary>
    public const string Requester = "terminal";

    /// <summary>Redirected output is read by programs and grep: lines are not wrapped at a made-up width.</summary>
    private const int RedirectedWidth = 1000;

    /// <summary>True when the arguments ask for a command; without a verb, BraketBot serves.</summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <summary>Runs the command the arguments name on a host built from <paramref name="builder"/>, and returns its exit code.</summary>
    /// <param name="console">Where the output goes: the process's console unless given (tests give their own).</param>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, IAnsiConsole? console = null)
    {
        // The verb's words are not settings (the server reads `--key value` pairs from its command line).
        foreach (var source in builder.Configuration.Sources.OfType<CommandLineConfigurationSource>().ToList())
            builder.Configuration.Sources.Remove(source);
        LogToStandardError(builder, args.Contains("--verbose") || args.Contains("-v") ? LogLevel.Warning : LogLevel.Error);
        var terminal = new Terminal(console ?? ProcessConsole());
        builder.Services.AddCli(terminal);

        await using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        if (args[0] != Doctor)
            await scope.ServiceProvider.LoadStoredPricesAsync(CancellationToken.None); // doctor reads the list itself
        var app = new CommandApp(new HostTypeRegistrar(scope.ServiceProvider));
        app.Configure(config =>
        {
            config.SetApplicationName("BraketBot");
            config.ConfigureConsole(terminal.Console);
            config
                .AddCommand<DoctorVerb>(Doctor)
                .WithDescription(
                    "Check the set-up end to end: configuration, AWS credentials and permissions, Slack, storage. Exit code 0 only when "
                        + "every check passes."
                );
            config
                .AddCommand<InfoVerb>(Subcommands.Info)
                .WithDescription("A day's tasks per device: counts and shots per status, estimated cost, cap usage (as /braket info).")
                .WithExample(Subcommands.Info, "2022-04-10", "Aspen-M-1")
                .WithExample(Subcommands.Info, "yesterday", "--json");
            config
                .AddCommand<CapsVerb>(Subcommands.Caps)
                .WithDescription("The caps in force and today's usage against each (as /braket caps).");
            config
                .AddCommand<BudgetsVerb>(Subcommands.Budgets)
                .WithDescription("Each team's budget (tasks by tag) against its caps, and the tasks in no budget (as /braket budgets).");
            config
                .AddCommand<LimitsVerb>(Subcommands.Limits)
                .WithDescription("Braket's own spending limits in the watched regions (as /braket limits).");
            config.AddCommand<CancelVerb>(Subcommands.Cancel).WithDescription("Cancel one QUEUED or CREATED task (as /braket cancel).");
            config
                .AddCommand<CancelQueuedVerb>(CancelQueued)
                .WithDescription(
                    "Cancel every QUEUED or CREATED task of a device and day (as the \"Cancel all queued\" button), after a confirmation."
                )
                .WithExample(CancelQueued, "Aspen-M-1", "2022-04-10")
                .WithExample(CancelQueued, "Ankaa-3", "--yes");
        });

        using var interrupted = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true; // stop the command's work; a cancel run in progress is saved for a host to finish
            interrupted.Cancel();
        };
        Console.CancelKeyPress += stop;
        try
        {
            return await app.RunAsync(args[0] == Subcommands.Help ? ["--help"] : args, interrupted.Token);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
        }
    }

    /// <summary>Logs stay out of the output: errors only (warnings with --verbose), on standard error.</summary>
    private static void LogToStandardError(WebApplicationBuilder builder, LogLevel level)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear(); // the server's levels (appsettings) are for a server's log
            o.MinLevel = level;
            // `doctor` reports each failed check itself.
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None, null));
        });
    }

    /// <summary>The process's console: colour where the terminal has it, plain text when redirected; asks only when the input is a
    /// terminal.</summary>
    private static IAnsiConsole ProcessConsole()
    {
        var console = AnsiConsole.Console;
        if (Console.IsInputRedirected || Console.IsOutputRedirected)
            console.Profile.Capabilities.Interactive = false;
        if (Console.IsOutputRedirected)
            console.Profile.Width = RedirectedWidth;
        return console;
    }
}
