using BraketBot.Slack.Messages;

namespace BraketBot.Reports;

/// <summary>A chart Slack holds as a file: its id, and the words that stand for it.</summary>
public sealed record ChartImage(string FileId, string Title, string AltText);

/// <summary>The words around a chart: the image block that shows an uploaded file, and the replies of /braket chart.</summary>
public static class ChartView
{
    public const string NotInChannel =
        "BraketBot is not in this channel, so only you see this chart. `/invite @BraketBot` to share charts here.";

    /// <summary>What introduces a breach alert's chart in its thread.</summary>
    public const string AlertThreadComment = ":bar_chart: The day so far, with the caps.";

    /// <summary>The chart as a message shows it, once uploaded; null without a file.</summary>
    public static ChartImage? Image(UsageChart chart, string? fileId) => fileId is null ? null : new(fileId, chart.Title, chart.AltText);

    /// <summary>The chart by its file id, as Slack shows an image it hosts (shared or not).</summary>
    public static ImageBlock Block(ChartImage chart) => new(new SlackFileRef(chart.FileId), chart.AltText) { Title = TextObject.Plain(chart.Title) };

    /// <summary>The reply once the chart is shared in the channel: the channel already shows it.</summary>
    public static SlackMessage Shared(string title) => SlackMessage.Plain($":bar_chart: {title}: posted in this channel.");

    /// <summary>The reply where the bot could not share it: the unshared file in an image block, for the person who asked.</summary>
    public static SlackMessage Unshared(ChartImage chart) => new(
        $"{chart.Title}. {NotInChannel}",
        [Block(chart), new ContextBlock([TextObject.Markdown(NotInChannel)])]);

    /// <summary>A period with no task: said in words, no picture of nothing.</summary>
    public static string Empty(string title) => $":bar_chart: {title}: no tasks, so there is nothing to chart.";

    /// <summary>Why there is no chart, in words someone can act on.</summary>
    public static string Failed(string title, string problem) => problem switch
    {
        "not_drawn" => $":warning: {title}: the chart could not be drawn (it is logged). Try again in a minute.",
        "missing_scope" => $":warning: {title}: Slack refused the upload (`missing_scope`). The Slack app needs the `files:write` scope: add it and reinstall the app.",
        "file_uploads_disabled" or "file_uploads_except_images_disabled" =>
            $":warning: {title}: this workspace does not allow file uploads (`{problem}`), so there is no chart.",
        _ => $":warning: {title}: Slack did not take the chart (`{problem}`). Try again in a minute.",
    };
}
