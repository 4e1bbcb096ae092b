using BraketBot.Ports;
using BraketBot.Reports;
using BraketBot.Slack.Messages;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

public enum Admission
{
    /// <summary>Taken: answered at once or queued for the background.</summary>
    Accepted,

    /// <summary>From another workspace or app than the configured ones.</summary>
    Refused,

    /// <summary>This very delivery was taken before (a replayed request, a redelivered envelope).</summary>
    Replayed,

    /// <summary>The queue is full or the host is stopping.</summary>
    Busy,
}

/// <summary>What to do with a command: whether it was taken, and the immediate answer.</summary>
public sealed record CommandAcceptance(Admission Admission, SlashReply? Reply = null);

/// <summary>
/// Takes Slack's commands and clicks, whatever carried them (HTTP or Socket Mode): checks who asks,
/// acts on each delivery once, answers what can be answered at once, and queues the rest.
/// </summary>
public sealed class CommandIntake(CommandQueue queue, IOptionsMonitor<AccessOptions> access, IClaimStore store, TimeProvider time)
{
    public const string Busy = "BraketBot is busy with many commands at once; try again in a minute.";

    /// <summary>Longer than Slack's five-minute signature window and its envelope redelivery.</summary>
    private static readonly TimeSpan KeepDeliveries = TimeSpan.FromHours(1);

    /// <param name="deliveryId">What makes this delivery itself unique (its signature, its envelope id).</param>
    public async Task<CommandAcceptance> AcceptCommandAsync(SlashCommand slash, string deliveryId, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.Admits(slash.TeamId, slash.AppId))
            return new(Admission.Refused);
        if (!await ClaimAsync(deliveryId, cancellationToken))
            return new(Admission.Replayed);

        var command = CommandParser.Parse(slash.Text);
        if (command is ParsedCommand.Help help)
            return new(Admission.Accepted, HelpCommand.Handle(help));
        if (command is ParsedCommand.Cancel && !access.CurrentValue.IsAdmin(slash.UserId))
            return new(Admission.Accepted, SlashReply.Private(CancelView.NotAllowed));
        if (!queue.TryEnqueue<CommandRunner>(slash.ResponseUrl, (runner, ct) => runner.RunCommandAsync(slash, command, ct)))
        {
            await ReleaseAsync(deliveryId);
            return new(Admission.Busy, SlashReply.Private(Busy));
        }
        return new(Admission.Accepted, SlashReply.Private($":hourglass_flowing_sand: Working on `{slash.Command} {slash.Text}`…"));
    }

    public async Task<Admission> AcceptClickAsync(BlockActionsPayload payload, string deliveryId, CancellationToken cancellationToken)
    {
        if (!access.CurrentValue.Admits(payload.TeamId, payload.AppId))
            return Admission.Refused;
        if (payload.Type != BlockActionsPayload.BlockActionsType || payload.Actions.Count == 0)
            return Admission.Accepted;
        if (!await ClaimAsync(deliveryId, cancellationToken))
            return Admission.Replayed;
        if (queue.TryEnqueue<CommandRunner>(payload.ResponseUrl, (runner, ct) => runner.RunClickAsync(payload, ct)))
            return Admission.Accepted;
        await ReleaseAsync(deliveryId);
        return Admission.Busy;
    }

    private Task<bool> ClaimAsync(string deliveryId, CancellationToken cancellationToken) =>
        store.TryClaimAsync(Key(deliveryId), time.GetUtcNow() + KeepDeliveries, cancellationToken);

    /// <summary>
    /// A delivery whose work could not be queued is given back: it is not acknowledged (or is answered "busy"),
    /// and Slack's redelivery of it must then be acted on, not refused as a replay.
    /// </summary>
    private Task ReleaseAsync(string deliveryId) => store.ReleaseClaimsAsync([Key(deliveryId)], holder: null, CancellationToken.None);

    private static string Key(string deliveryId) => $"delivery:{deliveryId}";
}
