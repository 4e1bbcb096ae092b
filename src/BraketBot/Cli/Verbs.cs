using BraketBot.Commands;
using BraketBot.Hosting;
using BraketBot.Reports;
using BraketBot.Usage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

/// <summary>
/// A command of the terminal, on the bot's own services: refused with the host's own words when the
/// configuration (or a database that does not answer) would stop the host from starting.
/// </summary>
public abstract class BotVerb<TSettings>(IServiceProvider services, Terminal terminal) : AsyncCommand<TSettings> where TSettings : VerbSettings
{
    protected Terminal Terminal => terminal;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var failures = StartupValidation.ConfigurationFailures(services);
        if (failures.Count == 0) failures = await StartupValidation.CheckFailuresAsync(services);
        if (failures.Count > 0) return terminal.Refuse(string.Join("\n", failures.Select(f => $"BraketBot cannot run: {f}")), settings);
        return await RunAsync(settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);

    /// <summary>What the parser of /braket found wrong with the words.</summary>
    protected static string Problem(ParsedCommand parsed) => parsed is ParsedCommand.Help { Problem: { } problem } ? problem : "Not understood.";
}

/// <summary>`doctor`: every set-up check, a line each as it completes; exit code 0 only when none failed.</summary>
public sealed class DoctorVerb(Doctor doctor, Terminal terminal) : AsyncCommand<VerbSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VerbSettings settings, CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        await foreach (var check in doctor.RunAsync(cancellationToken))
        {
            checks.Add(check);
            if (!settings.Json) terminal.Write(TerminalViews.Check(check));
        }
        if (settings.Json) terminal.WriteJson(JsonViews.Doctor(checks));
        else terminal.Write(TerminalViews.DoctorSummary(checks));
        return checks.Any(c => c.Status == CheckStatus.Fail) ? Terminal.Failure : Terminal.Success;
    }
}

/// <summary>`info [DATE] [DEVICE]`: the report of /braket info, a table per device.</summary>
public sealed class InfoVerb(IServiceProvider services, Terminal terminal, InfoCommand info) : BotVerb<InfoSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(InfoSettings settings, CancellationToken cancellationToken)
    {
        // The words of /braket info, read by its own parser: the same dates and device names, the same refusals.
        string[] words = [Subcommands.Info, .. new[] { settings.Date, settings.Device }.OfType<string>()];
        var parsed = CommandParser.Parse(string.Join(' ', words.Select(CommandParser.Quote)));
        if (parsed is not ParsedCommand.Info query) return Terminal.Refuse(Problem(parsed), settings);
        var report = await Terminal.WhileAsync("Scanning Braket…", settings, () => info.ReportAsync(query, cancellationToken));
        return Terminal.Show(report, settings, TerminalViews.Info, JsonViews.Info);
    }
}

/// <summary>`budgets`: each team's budget against its caps, and the tasks in no budget.</summary>
public sealed class BudgetsVerb(IServiceProvider services, Terminal terminal, BudgetsCommand budgets)
    : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(await Terminal.WhileAsync("Reading the ledger…", settings, () => budgets.ReportAsync(cancellationToken)),
            settings, TerminalViews.Budgets, JsonViews.Budgets);
}

/// <summary>`caps`: the caps in force and today's usage against each.</summary>
public sealed class CapsVerb(IServiceProvider services, Terminal terminal, CapsCommand caps) : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(await Terminal.WhileAsync("Scanning Braket…", settings, () => caps.ReportAsync(cancellationToken)),
            settings, TerminalViews.Caps, JsonViews.Caps);
}

/// <summary>`limits`: Braket's own spending limits.</summary>
public sealed class LimitsVerb(IServiceProvider services, Terminal terminal, LimitsCommand limits) : BotVerb<VerbSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(VerbSettings settings, CancellationToken cancellationToken) =>
        Terminal.Show(await limits.ReportAsync(cancellationToken), settings, TerminalViews.Limits, JsonViews.Limits);
}

/// <summary>`cancel ARN`: one task, as /braket cancel does it; whoever holds the AWS credentials may already cancel.</summary>
public sealed class CancelVerb(IServiceProvider services, Terminal terminal, CancelCommand cancel) : BotVerb<CancelSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(CancelSettings settings, CancellationToken cancellationToken)
    {
        var parsed = CommandParser.Parse($"{Subcommands.Cancel} {settings.Task}");
        if (parsed is not ParsedCommand.Cancel task) return Terminal.Refuse(Problem(parsed), settings);
        var result = await cancel.CancelAsync(task.Task, Environment.UserName, CliApp.Requester, cancellationToken);
        return Terminal.Show(result, settings, TerminalViews.Cancelled, JsonViews.Cancelled);
    }
}

/// <summary>
/// `cancel-queued DEVICE [DATE]`: "Cancel all queued" of one device and day, as the button does it (the
/// same stored run, claims and pacing), after a confirmation unless --yes, with a progress bar.
/// </summary>
public sealed class CancelQueuedVerb(
    IServiceProvider services, Terminal terminal, QueuedCancellation cancellation, DeviceCatalog catalog, DayScanner scanner)
    : BotVerb<CancelQueuedSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(CancelQueuedSettings settings, CancellationToken cancellationToken)
    {
        DayQuery day = new DayQuery.Today();
        if (settings.Date is not null && !CommandParser.TryParseDay(settings.Date, out day))
            return Terminal.Refuse($"`{settings.Date}` is not a date. Use {Subcommands.DateForms}.", settings);
        var device = await catalog.FindAsync(settings.Device, cancellationToken);
        if (!device.IsSuccess) return Terminal.Refuse(device.Problem!, settings);

        var scope = CancelScope.Device(day.Resolve(scanner.Today()), device.Value!);
        var planned = await Terminal.WhileAsync("Scanning Braket…", settings,
            () => cancellation.PlanAsync(scope, $"{Environment.UserName} on a terminal", null, null, cancellationToken));
        if (!planned.IsSuccess) return Terminal.Refuse(planned.Problem!, settings);
        var run = planned.Value!;
        if (run.Tasks.Count == 0)
        {
            if (settings.Json) Terminal.WriteJson(JsonViews.Ok(JsonViews.Run(run)));
            else Terminal.WriteText(string.Join('\n', [RunView.NothingToCancel(scope), .. RunJobsView.Lines(run)]));
            return Terminal.Success;
        }

        if (!settings.Json) Terminal.WriteText(TerminalViews.Plan(run));
        if (!settings.Yes && !Confirmed())
            return Terminal.Refuse(Terminal.CanAsk && !settings.Json
                ? "Nothing was cancelled."
                : "Nothing was cancelled: no one can confirm here (the input is not a terminal, or --json); add --yes to cancel them.", settings);

        var finished = await RunAsync(run, settings, cancellationToken);
        if (finished is null) return Terminal.Refuse(CancelView.AlreadyRunning(scope), settings);
        if (settings.Json) Terminal.WriteJson(JsonViews.Ok(JsonViews.Run(finished)));
        else Terminal.Write(TerminalViews.Outcome(finished));
        return finished.Tasks.All(t => t.State == RunTaskState.Cancelled) ? Terminal.Success : Terminal.Failure;

        bool Confirmed() => Terminal.CanAsk && !settings.Json && Terminal.Console.Confirm("Cancel them?", defaultValue: false);
    }

    private Task<EnforcementRun?> RunAsync(EnforcementRun run, CancelQueuedSettings settings, CancellationToken cancellationToken)
    {
        if (!Terminal.CanAnimate || settings.Json) return cancellation.TryRunHereAsync(run, null, cancellationToken);
        return Terminal.Console.Progress().StartAsync(async context =>
        {
            var bar = context.AddTask("Cancelling", maxValue: run.Tasks.Count);
            var progress = new BarProgress(done => bar.Value = done);
            var finished = await cancellation.TryRunHereAsync(run, progress, cancellationToken);
            bar.Value = run.Tasks.Count;
            return finished;
        });
    }

    /// <summary>Moves the bar as each cancel lands (from the run's own threads, at once).</summary>
    private sealed class BarProgress(Action<int> show) : IProgress<EnforcementRun>
    {
        public void Report(EnforcementRun value) => show(value.Done);
    }
}
