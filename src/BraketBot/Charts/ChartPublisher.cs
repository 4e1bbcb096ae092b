using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Charts;

/// <summary>
/// Usage charts from the ledger (the day's tasks for its hours, the daily totals for a month), drawn
/// by the renderer and uploaded to Slack. Drawing or uploading never throws at the caller (but on its
/// own cancellation): a chart is an extra, so a failure, or a chart that takes longer than its budget,
/// is logged and told in the result, and whatever carries the chart goes on without it.
/// </summary>
public sealed partial class ChartPublisher(
    UsageLedger ledger,
    DayScanner scanner,
    DeviceCatalog catalog,
    Pricing pricing,
    IOptionsMonitor<CapsOptions> capsOptions,
    IOptionsMonitor<ChartsOptions> chartsOptions,
    Lazy<IChartRenderer> renderer,
    ChartSlots slots,
    ISlackFiles files,
    TimeProvider time,
    ILogger<ChartPublisher> logger
)
{
    /// <summary>The problem when the renderer failed (its exception is in the log).</summary>
    public const string NotDrawn = "not_drawn";

    /// <summary>The problem when the upload failed on BraketBot's side (its exception is in the log).</summary>
    public const string NotUploaded = "not_uploaded";

    /// <summary>The problem when the chart took longer than its budget.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>The day's shots and cost per hour, of every device or one, or of one budget's tasks.</summary>
    public async Task<BraketResult<UsageChart>> DayChartAsync(
        Day day,
        DeviceSummary? device,
        CancellationToken cancellationToken,
        BudgetScope? budget = null
    )
    {
        var tasks = await ledger.DayTasksAsync(day, device, cancellationToken);
        return tasks.IsSuccess
            ? UsageCharts.Day(
                scanner.Window(day),
                tasks.Value!,
                device,
                catalog.Describe,
                pricing,
                capsOptions.CurrentValue,
                time.GetUtcNow(),
                budget
            )
            : tasks.Error!;
    }

    /// <summary>The month's daily totals with its projection, of every device or one, or (its usage then) of one budget.</summary>
    public UsageChart MonthChart(MonthUsage usage, DeviceSummary? device, BudgetScope? budget = null) =>
        UsageCharts.Month(usage, device, capsOptions.CurrentValue, time.GetUtcNow(), budget);

    /// <summary>The chart shared in <paramref name="channel"/> (the command's own time), or unshared when the channel is null or the bot
    /// cannot share there.</summary>
    public Task<PublishedChart> PublishAsync(UsageChart chart, string? channel, CancellationToken cancellationToken) =>
        SendAsync(chart, channel, null, null, budget: null, cancellationToken);

    /// <summary>The chart shared in a thread of <paramref name="channel"/> with a comment, within <see cref="ChartsOptions.AlertTimeout"/>;
    /// never unshared.</summary>
    public Task<PublishedChart> PublishInThreadAsync(
        UsageChart chart,
        string channel,
        string threadTs,
        string comment,
        CancellationToken cancellationToken
    ) => SendAsync(chart, channel, threadTs, comment, chartsOptions.CurrentValue.AlertTimeout, cancellationToken);

    /// <summary>
    /// The chart uploaded unshared, for an image block in a message, within <see cref="ChartsOptions.Timeout"/>:
    /// its file id, or null when it is empty, Slack did not take it or it took too long.
    /// </summary>
    public async Task<string?> UploadForMessageAsync(UsageChart chart, CancellationToken cancellationToken) =>
        chart.IsEmpty ? null : (await SendAsync(chart, null, null, null, chartsOptions.CurrentValue.Timeout, cancellationToken)).FileId;

    private async Task<PublishedChart> SendAsync(
        UsageChart chart,
        string? channel,
        string? threadTs,
        string? comment,
        TimeSpan? budget,
        CancellationToken cancellationToken
    )
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } within)
            limit.CancelAfter(within);
        try
        {
            await slots.WaitAsync(limit.Token);
            try
            {
                if (Draw(chart) is not { } png)
                    return new PublishedChart(null, false, NotDrawn);
                var uploaded = await files.UploadAsync(
                    new SlackFileUpload(png, chart.FileName, chart.Title, chart.AltText, channel, threadTs, comment),
                    limit.Token
                );
                if (!uploaded.Ok)
                    LogNotUploaded(chart.Title, uploaded.Error);
                return new PublishedChart(uploaded.FileId, uploaded.Shared, uploaded.Ok ? null : uploaded.Error, uploaded.Unknown);
            }
            finally
            {
                slots.Release();
            }
        }
        // The budget ran out (or an HTTP timeout of its own): the caller goes on without the chart.
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(chart.Title, budget);
            return new PublishedChart(null, false, TimedOut);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogUploadFailed(e, chart.Title);
            return new PublishedChart(null, false, NotUploaded);
        }
    }

    /// <summary>The PNG, or null when the renderer (or the native library under it) failed.</summary>
    private byte[]? Draw(UsageChart chart)
    {
        try
        {
            return renderer.Value.RenderPng(chart);
        }
        catch (Exception e)
        {
            LogNotDrawn(e, chart.Title);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The chart {Title} could not be drawn")]
    private partial void LogNotDrawn(Exception e, string title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chart {Title} was not uploaded to Slack: {Error}")]
    private partial void LogNotUploaded(string title, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The chart {Title} failed on its way to Slack")]
    private partial void LogUploadFailed(Exception e, string title);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The chart {Title} took longer than its {Budget}; what carries it goes on without it"
    )]
    private partial void LogTimedOut(string title, TimeSpan? budget);
}
