using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Views;

namespace BraketBot.Info;

/// <summary>The "Refresh" button of an info report: the same report, scanned afresh from Braket, in place.</summary>
public sealed class RefreshReportAction(InfoReportBuilder reports, ISlackApi slack) : IBlockActionHandler
{
    public const string Id = ActionIds.RefreshReport;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        if (!ButtonValues.TryRead(action.Value, out InfoQuery? query))
        {
            await slack.RespondAsync(
                payload.ResponseUrl!,
                SlackMessage.Plain("This button is no longer valid; run `/braket info` again."),
                Visibility.Ephemeral,
                replaceOriginal: false,
                cancellationToken
            );
            return;
        }
        var reply = await reports.InfoAsync(query.Day, query.Device, scan: true, cancellationToken);
        await slack.RespondAsync(
            payload.ResponseUrl!,
            reply.Message,
            reply.Visibility,
            replaceOriginal: reply.Visibility == Visibility.InChannel,
            cancellationToken
        );
    }
}
