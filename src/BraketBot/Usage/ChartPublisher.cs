using BraketBot.Ports;
using Microsoft.Extensions.Options;

namespace BraketBot.Usage;

/// <summary>What became of a chart sent to Slack: the file (shared where asked, or unshared for an image block), or why there is none.</summary>
/// <param name="Problem">Slack's error, or <see cref="ChartPublisher.NotDrawn"/>; null when the file is there.</param>
public sealed record PublishedChart(string? FileId, bool Shared, string? Problem)
{
    public bool Ok => FileId is not null;
}

/// <summary>
/// Usage charts from the ledger (the day's tasks for its hours, the daily totals for a month), drawn
/// by the renderer and uploaded to Slack. Drawing or uploading never throws at the caller: a chart is
/// an extra, so a failure is logged and told in the result, and whatever carries the chart goes on.
/// </summary>
public sealed partial class ChartPublisher(
    UsageLedger ledger,
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    IOptionsMonitor<CapsOptions> capsOptions,
    IChartRenderer renderer,
    ISlackFiles files,
    TimeProvider time,
    ILogger<ChartPublisher> logger)
{
    /// <summary>The problem when the renderer failed (its exception is in the log).</summary>
    public const string NotDrawn = "not_drawn";

    /// <summary>The day's shots and cost per hour, of every device or one.</summary>
    public async Task<BraketResult<UsageChart>> DayChartAsync(Day day, DeviceSummary? device, CancellationToken cancellationToken)
    {
        var tasks = await ledger.DayTasksAsync(day, device, cancellationToken);
        return tasks.IsSuccess
            ? UsageCharts.Day(scanner.Window(day), tasks.Value!, device, catalog.Describe, pricing, capsOptions.CurrentValue, time.GetUtcNow())
            : tasks.Error!;
    }

    /// <summary>The month's daily totals with its projection, of every device or one.</summary>
    public UsageChart MonthChart(MonthUsage usage, DeviceSummary? device) => UsageCharts.Month(usage, device, capsOptions.CurrentValue, time.GetUtcNow());

    /// <summary>Draws the chart and uploads it: shared in <paramref name="channel"/> (its thread when given), or unshared when the channel is null or the bot cannot share there.</summary>
    public async Task<PublishedChart> PublishAsync(UsageChart chart, string? channel, string? threadTs, string? comment, CancellationToken cancellationToken)
    {
        byte[] png;
        try
        {
            png = renderer.RenderPng(chart);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotDrawn(e, chart.Title);
            return new PublishedChart(null, false, NotDrawn);
        }
        var uploaded = await files.UploadAsync(new SlackFileUpload(png, chart.FileName, chart.Title, chart.AltText, channel, threadTs, comment), cancellationToken);
        if (!uploaded.Ok) LogNotUploaded(chart.Title, uploaded.Error);
        return new PublishedChart(uploaded.FileId, uploaded.Shared, uploaded.Ok ? null : uploaded.Error);
    }

    /// <summary>The chart uploaded unshared, for an image block in a message: its file id, or null when it is empty or Slack did not take it.</summary>
    public async Task<string?> UploadForMessageAsync(UsageChart chart, CancellationToken cancellationToken) =>
        chart.IsEmpty ? null : (await PublishAsync(chart, null, null, null, cancellationToken)).FileId;

    [LoggerMessage(Level = LogLevel.Error, Message = "The chart {Title} could not be drawn")]
    private partial void LogNotDrawn(Exception e, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chart {Title} was not uploaded to Slack: {Error}")]
    private partial void LogNotUploaded(string title, string? error);
}
