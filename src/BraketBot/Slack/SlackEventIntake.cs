using System.Globalization;
using BraketBot.Commands;
using BraketBot.Home;
using BraketBot.Interactions;
using BraketBot.Messages;
using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Slack;

/// <summary>
/// Takes Slack's Events API callbacks, whatever carried them (HTTP or Socket Mode): checks the workspace
/// and app, acts on each event once by its event_id (Slack retries an event it thinks was missed), and
/// queues the Home tab of whoever opened it. A claim is given back when the tab could not be queued, so
/// Slack's retry of that event is acted on.
/// </summary>
public sealed partial class SlackEventIntake(
    HomePublisher home,
    IOptionsMonitor<AccessOptions> access,
    IOptionsMonitor<CapsOptions> caps,
    IClaimStore claimStore,
    IKeyValueStore valueStore,
    TimeProvider time,
    ILogger<SlackEventIntake> logger
)
{
    /// <summary>Where the time of the last event Slack delivered is kept, for `doctor`.</summary>
    public const string LastEventKey = "slack:last-event";

    /// <summary>Past Slack's last retry of an event (about five minutes after the first delivery).</summary>
    private static readonly TimeSpan KeepEvents = TimeSpan.FromHours(1);

    /// <param name="retryNumber">Slack's X-Slack-Retry-Num (or a Socket Mode retry_attempt): 0 for a first delivery.</param>
    public async Task<Admission> AcceptAsync(SlackEventCallback callback, int retryNumber, CancellationToken cancellationToken)
    {
        var rules = access.CurrentValue;
        if (!rules.Admits(callback.TeamId, callback.AppId))
            return Admission.Refused;
        await NoteReachedAsync(cancellationToken);
        if (!callback.OpensHomeTab || callback.EventId is not { Length: > 0 } eventId)
        {
            LogIgnored(callback.Type, callback.EventType);
            return Admission.Accepted;
        }

        var claim = $"slack-event:{eventId}";
        if (!await claimStore.TryClaimAsync(claim, time.GetUtcNow() + KeepEvents, cancellationToken))
        {
            LogReplayed(eventId, retryNumber);
            return Admission.Replayed;
        }
        var userId = callback.User!;
        if (home.TryEnqueue(new HomeRequest(userId, HomeAccess.Of(rules, userId, caps.CurrentValue.Budgets), Viewing: true)))
            return Admission.Accepted;
        await claimStore.ReleaseClaimsAsync([claim], holder: null, CancellationToken.None);
        LogBusy(eventId);
        return Admission.Busy;
    }

    /// <summary>Notes that Slack reached the events route now (an event, or the request URL's url_verification), for doctor.</summary>
    public Task NoteReachedAsync(CancellationToken cancellationToken) =>
        valueStore.SetValueAsync(LastEventKey, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {Type} ({EventType}) is not one BraketBot acts on; acknowledged")]
    private partial void LogIgnored(string type, string? eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack delivered event {EventId} again (retry {Retry}); acted on already")]
    private partial void LogReplayed(string eventId, int retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too busy to draw the Home tab of event {EventId}; left for Slack to send again")]
    private partial void LogBusy(string eventId);
}
