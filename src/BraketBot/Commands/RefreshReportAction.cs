using BraketBot.Slack;

namespace BraketBot.Commands;

/// <summary>The "Refresh" button of an info report: the same report, fetched again, in place.</summary>
public sealed class RefreshReportAction(DayReports reports, ISlackApi slack) : IBlockActionHandler
{
    public const string Id = "refresh_report";

    public string ActionId => Id;

    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        if (!InfoQuery.TryParse(action.Value, out var query))
        {
            await slack.RespondAsync(payload.ResponseUrl!, SlackMessage.Plain("This button is no longer valid; run `/braket info` again."),
                Visibility.Ephemeral, replaceOriginal: false, cancellationToken);
            return;
        }
        var reply = await reports.InfoAsync(DateOnly.Parse(query.Day), query.Device, cancellationToken);
        await slack.RespondAsync(payload.ResponseUrl!, reply.Message, reply.Visibility,
            replaceOriginal: reply.Visibility == Visibility.InChannel, cancellationToken);
    }
}
