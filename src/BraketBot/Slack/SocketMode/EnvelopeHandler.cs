using System.Text.Json;
using BraketBot.Interactions;
using BraketBot.Messages;

namespace BraketBot.Slack.SocketMode;

/// <summary>
/// Hands Socket Mode's envelopes to the same intakes as the HTTP routes (same handlers, same admin
/// and workspace rules), each delivery acted on once by its envelope id (an event by its event_id), and
/// says what to acknowledge: nothing while its work could not be queued, so that Slack delivers it again.
/// </summary>
public sealed partial class EnvelopeHandler(CommandIntake intake, SlackEventIntake events, ILogger<EnvelopeHandler> logger)
{
    /// <summary>The acknowledgement to send, or null to send none.</summary>
    public async Task<Acknowledgement?> HandleAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.EnvelopeId is not { Length: > 0 } id)
            return null;
        // Slack redelivers an envelope whose acknowledgement it missed, under the same id.
        var deliveryId = "socket:" + id;
        switch (envelope.Type)
        {
            case Envelope.SlashCommands:
                var slash = SlashCommand.From(envelope.PayloadText);
                if (slash is null)
                {
                    LogUnusable(envelope.Type, id);
                    return new(id);
                }
                var accepted = await intake.AcceptCommandAsync(slash, deliveryId, cancellationToken);
                if (accepted.Admission == Admission.Refused)
                    LogRefused(envelope.Type, id, slash.TeamId, slash.AppId);
                return accepted.Reply is { } reply && envelope.AcceptsResponsePayload && accepted.Admission != Admission.Replayed
                    ? new(id, ImmediateReply.Body(reply))
                    : new(id);

            case Envelope.Interactive:
                var payload =
                    envelope.Payload.ValueKind == JsonValueKind.Object ? BlockActionsPayload.Parse(envelope.Payload.GetRawText()) : null;
                if (payload is null)
                {
                    LogUnusable(envelope.Type, id);
                    return new(id);
                }
                var click = await intake.AcceptClickAsync(payload, deliveryId, cancellationToken);
                return Acknowledge(click, envelope, payload.TeamId, payload.AppId);

            case Envelope.EventsApi:
                var callback = SlackEventCallback.From(envelope.Payload);
                if (callback is null)
                {
                    LogUnusable(envelope.Type, id);
                    return new(id);
                }
                var taken = await events.AcceptAsync(callback, envelope.RetryAttempt, cancellationToken);
                return Acknowledge(taken, envelope, callback.TeamId, callback.AppId);

            default:
                // Whatever comes later: nothing this bot subscribes to, taken so that Slack stops retrying.
                return new(id);
        }
    }

    /// <summary>
    /// A click's or an event's acknowledgement: none while its work could not be queued (as the HTTP routes' 503), so that
    /// Slack delivers it again (and, for a click, shows the person it was not taken).
    /// </summary>
    private Acknowledgement? Acknowledge(Admission admission, Envelope envelope, string? teamId, string? appId)
    {
        var id = envelope.EnvelopeId!;
        if (admission == Admission.Refused)
            LogRefused(envelope.Type, id, teamId, appId);
        if (admission != Admission.Busy)
            return new(id);
        LogBusy(id);
        return null;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Socket Mode {Type} envelope {EnvelopeId} lacks what an answer needs; acknowledged and dropped"
    )]
    private partial void LogUnusable(string type, string envelopeId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Refused Socket Mode {Type} envelope {EnvelopeId} from team {TeamId}, app {AppId}: not the configured Slack:TeamId / "
            + "Slack:AppId"
    )]
    private partial void LogRefused(string type, string envelopeId, string? teamId, string? appId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Too busy to queue the work of envelope {EnvelopeId}; left unacknowledged for Slack to deliver again"
    )]
    private partial void LogBusy(string envelopeId);
}
