namespace BraketBot.Charts;

/// <summary>What became of a chart sent to Slack: the file (shared where asked, or unshared for an image block), or why there is
/// none.</summary>
/// <param name="Problem">Slack's error, or one of <see cref="ChartPublisher"/>'s own; null when the file is there.</param>
/// <param name="Unconfirmed">No answer came to the sharing: the chart may be in the channel all the same.</param>
public sealed record PublishedChart(string? FileId, bool Shared, string? Problem, bool Unconfirmed = false)
{
    public bool Ok => FileId is not null;
}
