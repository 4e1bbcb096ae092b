using System.Text.Json;
using BraketBot.Slack;
using Hangfire;

namespace BraketBot.Jobs;

/// <summary>Hands an alert to a Hangfire job, so that a Slack failure or a dying host never loses it.</summary>
public sealed class AlertDispatcher(IBackgroundJobClient jobs)
{
    /// <param name="rememberAs">Store key under which the posted message's ts is kept, for follow-ups.</param>
    /// <param name="replyTo">Store key of an earlier alert to reply to in its thread.</param>
    public void Enqueue(SlackMessage message, string? rememberAs, string? replyTo)
    {
        var json = JsonSerializer.Serialize(message.Fit(), SlackMessage.Json);
        jobs.Enqueue<AlertDeliveryJob>(job => job.DeliverAsync(json, rememberAs, replyTo, CancellationToken.None));
    }
}
