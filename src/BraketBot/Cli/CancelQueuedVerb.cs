using BraketBot.Cancel;
using BraketBot.Commands;
using BraketBot.Enforcement;
using BraketBot.Usage;
using Spectre.Console;

namespace BraketBot.Cli;

/// <summary>
/// `cancel-queued DEVICE [DATE]`: "Cancel all queued" of one device and day, as the button does it (the
/// same stored run, claims and pacing), after a confirmation unless --yes, with a progress bar.
/// </summary>
public sealed class CancelQueuedVerb(
    IServiceProvider services,
    Terminal terminal,
    QueuedCancellation cancellation,
    DeviceCatalog catalog,
    DayScanner scanner
) : BotVerb<CancelQueuedSettings>(services, terminal)
{
    protected override async Task<int> RunAsync(CancelQueuedSettings settings, CancellationToken cancellationToken)
    {
        DayQuery day = new DayQuery.Today();
        if (settings.Date is not null && !CommandParser.TryParseDay(settings.Date, out day))
            return Terminal.Refuse($"`{settings.Date}` is not a date. Use {Subcommands.DateForms}.", settings);
        var device = await catalog.FindAsync(settings.Device, cancellationToken);
        if (!device.IsSuccess)
            return Terminal.Refuse(device.Problem!, settings);

        var scope = CancelScope.Device(day.Resolve(scanner.Today()), device.Value!);
        var planned = await Terminal.WhileAsync("Scanning Braket…", settings, () =>
            cancellation.PlanAsync(scope, $"{Environment.UserName} on a terminal", null, null, cancellationToken)
        );
        if (!planned.IsSuccess)
            return Terminal.Refuse(planned.Problem!, settings);
        var run = planned.Value!;
        if (run.Tasks.Count == 0)
        {
            if (settings.Json)
                Terminal.WriteJson(JsonViews.Ok(JsonViews.Run(run)));
            else
                Terminal.WriteText(string.Join('\n', [RunView.NothingToCancel(scope), .. RunJobsView.Lines(run)]));
            return Terminal.Success;
        }

        if (!settings.Json)
            Terminal.WriteText(TerminalViews.Plan(run));
        if (!settings.Yes && !Confirmed())
            return Terminal.Refuse(
                Terminal.CanAsk && !settings.Json
                    ? "Nothing was cancelled."
                    : "Nothing was cancelled: no one can confirm here (the input is not a terminal, or --json); add --yes to cancel them.",
                settings
            );

        var finished = await RunAsync(run, settings, cancellationToken);
        if (finished is null)
            return Terminal.Refuse(CancelView.AlreadyRunning(scope), settings);
        if (settings.Json)
            Terminal.WriteJson(JsonViews.Ok(JsonViews.Run(finished)));
        else
            Terminal.Write(TerminalViews.Outcome(finished));
        return finished.Tasks.All(t => t.State == RunTaskState.Cancelled) ? Terminal.Success : Terminal.Failure;

        bool Confirmed() => Terminal.CanAsk && !settings.Json && Terminal.Console.Confirm("Cancel them?", defaultValue: false);
    }

    private Task<EnforcementRun?> RunAsync(EnforcementRun run, CancelQueuedSettings settings, CancellationToken cancellationToken)
    {
        if (!Terminal.CanAnimate || settings.Json)
            return cancellation.TryRunHereAsync(run, null, cancellationToken);
        return Terminal
            .Console.Progress()
            .StartAsync(async context =>
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
