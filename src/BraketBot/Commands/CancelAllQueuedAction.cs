using BraketBot.Enforcement;
using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>
/// The "Cancel all queued" button (on reports and warnings): after Slack's confirm dialog, plans a
/// stored run over exactly the scope the button names (one run per scope at a time), which cancels
/// every QUEUED or CREATED task of it and updates the message in place, surviving this host.
/// </summary>
public sealed partial class CancelAllQueuedAction(
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    RunLauncher runs,
    IBotStore store,
    ISlackApi slack,
    IOptionsMonitor<AccessOptions> access,
    IOptionsMonitor<CapsOptions> capsOptions,
    TimeProvider time,
    ILogger<CancelAllQueuedAction> logger) : IBlockActionHandler
{
    public const string Id = ActionIds.CancelAllQueued;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var responseUrl = payload.ResponseUrl!;
        Task Tell(string text) => slack.RespondAsync(responseUrl, SlackMessage.Plain(text), Visibility.Ephemeral, replaceOriginal: false, cancellationToken);

        if (!ButtonValues.TryRead(action.Value, out CancelScope? scope)) { await Tell("This button is no longer valid; run `/braket info` again."); return; }
        if (!access.CurrentValue.IsAdmin(payload.User.Id)) { await Tell(CancelView.NotAllowed); return; }

        var device = scope.AllDevices ? null : catalog.Describe(scope.DeviceArn!);
        var found = await scanner.TasksAsync(scanner.Window(scope.Day), device, cancellationToken);
        if (!found.IsSuccess)
        {
            await Tell(found.Error!.Describe());
            return;
        }
        var cancellable = found.Value!.Where(t => t.Status.IsCancellable() && scope.Covers(t)).ToList();
        // Tasks a cap run is cancelling already are left to it.
        var taken = await store.ClaimedAsync(cancellable.Select(t => CapEnforcer.TaskKey(t.QuantumTaskArn)).ToList(), cancellationToken);
        var tasks = cancellable.Where(t => !taken.Contains(CapEnforcer.TaskKey(t.QuantumTaskArn))).ToList();
        var now = time.GetUtcNow();
        var run = new EnforcementRun
        {
            Id = Guid.NewGuid().ToString("N"),
            Kind = RunKind.CancelAll,
            Day = scope.Day,
            TimeZone = capsOptions.CurrentValue.TimeZone,
            CreatedAt = now,
            Deadline = now + RunLauncher.DeadlineFor(tasks.Count),
            Trigger = $"<@{payload.User.Id}>",
            Scope = scope,
            RequestedBy = payload.User.Id,
            ResponseUrl = responseUrl,
            Tasks = tasks.Select(t => RunTask.Of(t, catalog.Describe(t.DeviceArn), pricing)).ToList(),
        };
        // The scope's key keeps a second click from starting a second run; the task keys keep a cap run off the same tasks.
        IReadOnlyList<string> claims = [scope.RunKey, .. tasks.Select(t => CapEnforcer.TaskKey(t.QuantumTaskArn))];
        if (!await runs.TryStartAsync(run, claims, alertClaims: [], cancellationToken))
        {
            await Tell($"Queued tasks of {scope.Describe()} on {scope.Day} are being cancelled already.");
            return;
        }
        var who = payload.User.Username ?? payload.User.Name ?? "";
        var what = scope.Describe();
        LogStarted(who, payload.User.Id, tasks.Count, what, scope.Day);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} ({UserId}) cancels {Count} queued tasks of {Scope} on {Day}")]
    private partial void LogStarted(string user, string userId, int count, string scope, Day day);
}
