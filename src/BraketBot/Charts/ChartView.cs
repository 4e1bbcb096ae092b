using BraketBot.Messages;

namespace BraketBot.Charts;

/// <summary>The words around a chart: the image block that shows an uploaded file, and the replies of /braket chart.</summary>
public static class ChartView
{
    public const string NotInChannel =
        "BraketBot is not in this channel, so only you see this chart. `/invite @BraketBot` to share charts here.";

    /// <summary>A direct message, where Slack lets no app share files it is not part of: inviting the bot is no help there.</summary>
    public const string NotInConversation =
        "Slack does not let BraketBot share files in this conversation, so only you see this chart. Ask in a channel BraketBot is in to "
        + "share it.";

    /// <summary>What introduces a breach alert's chart in its thread.</summary>
    public const string AlertThreadComment = ":bar_chart: The day so far, with the caps.";

    /// <summary>The chart as a message shows it, once uploaded; null without a file.</summary>
    public static ChartImage? Image(UsageChart chart, string? fileId) => fileId is null ? null : new(fileId, chart.Title, chart.AltText);

    /// <summary>The chart by its file id, as Slack shows an image it hosts (shared or not).</summary>
    public static ImageBlock Block(ChartImage chart) =>
        new(new SlackFileRef(chart.FileId), chart.AltText) { Title = TextObject.Plain(chart.Title) };

    /// <summary>The reply once the chart is shared in the channel: the channel already shows it.</summary>
    public static SlackMessage Shared(string title) => SlackMessage.Plain($":bar_chart: {title}: posted in this channel.");

    /// <summary>The reply where the bot could not share it: the unshared file in an image block, for the person who asked.</summary>
    /// <param name="directMessage">Asked in a direct message, not a channel the bot could be invited to.</param>
    public static SlackMessage Unshared(ChartImage chart, bool directMessage)
    {
        var why = directMessage ? NotInConversation : NotInChannel;
        return new SlackMessage($"{chart.Title}. {why}", [Block(chart), new ContextBlock([TextObject.Markdown(why)])]);
    }

    /// <summary>No answer came to the sharing: asking again at once could post the chart twice.</summary>
    public static string Unconfirmed(string title) =>
        $":warning: {title}: Slack did not confirm the chart was shared. Look in the channel before you ask again: it may be there.";

    /// <summary>A period with no task, or none that counts against the caps: said in words, no picture of nothing.</summary>
    public static string Empty(UsageChart chart) =>
        chart.UncountedTasks > 0
            ? $":bar_chart: {chart.Title}: {chart.UncountedTasks} {(chart.UncountedTasks == 1 ? "task" : "tasks")}, none of them counted "
                + $"against the caps, so there is nothing to chart."
            : $":bar_chart: {chart.Title}: no tasks, so there is nothing to chart.";

    /// <summary>Why there is no chart, in words someone can act on.</summary>
    public static string Failed(string title, string problem) =>
        problem switch
        {
            "not_drawn" => $":warning: {title}: the chart could not be drawn (it is logged). Try again in a minute.",
            "not_uploaded" => $":warning: {title}: the chart could not be sent to Slack (it is logged). Try again in a minute.",
            "missing_scope" =>
                $":warning: {title}: Slack refused the upload (`missing_scope`). The Slack app needs the `files:write` scope: add it and "
                    + $"reinstall the app.",
            "file_uploads_disabled" or "file_uploads_except_images_disabled" =>
                $":warning: {title}: this workspace does not allow file uploads (`{problem}`), so there is no chart.",
            _ => $":warning: {title}: Slack did not take the chart (`{problem}`). Try again in a minute.",
        };
}
