using System.Text.Json;
using BraketBot.Slack;
using BraketBot.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BraketBot.Jobs;

/// <summary>
/// Posts one alert to Slack:AlertChannel. A failed post throws, so Hangfire tries again later
/// (an uninvited bot or a Slack outage is fixed in minutes; the alert waits for it).
/// </summary>
public sealed class AlertDeliveryJob(ISlackApi slack, IBotStore store, IOptionsMonitor<SlackOptions> options, ILogger<AlertDeliveryJob> logger)
{
    [Queue(JobQueues.Alerts)]
    [AutomaticRetry(Attempts = 15, DelaysInSeconds = [5, 15, 30, 60, 120, 300, 600, 900, 1800, 1800, 3600, 3600, 3600, 3600, 3600])]
    public async Task DeliverAsync(string messageJson, string? rememberAs, string? replyTo, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<SlackMessage>(messageJson, SlackMessage.Json)!;
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.BotToken) || string.IsNullOrEmpty(settings.AlertChannel))
        {
            logger.LogWarning("Alert not posted (Slack:BotToken or Slack:AlertChannel unset): {Text}", message.Text);
            return;
        }

        var thread = replyTo is null ? null : await store.GetValueAsync(replyTo, cancellationToken);
        var result = await slack.PostMessageAsync(settings.AlertChannel, message, thread, cancellationToken);
        if (!result.Ok) throw new AlertNotDeliveredException(result.Error);
        if (rememberAs is not null && result.Ts is not null) await store.SetValueAsync(rememberAs, result.Ts, cancellationToken);
        logger.LogInformation("Alert posted to {Channel}: {Text}", settings.AlertChannel, message.Text);
    }
}

public sealed class AlertNotDeliveredException(string? slackError)
    : Exception($"Slack did not take the alert ({slackError}); Hangfire will try again.");

public static class JobQueues
{
    /// <summary>Alerts go first: a Hangfire worker takes queues in this order.</summary>
    public const string Alerts = "alerts";
    public const string Default = "default";

    public static readonly string[] InOrder = [Alerts, Default];
}
