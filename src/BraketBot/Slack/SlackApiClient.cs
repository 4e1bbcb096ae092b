using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace BraketBot.Slack;

/// <summary>What Slack answered: ok with the message's ts, or Slack's error string.</summary>
public sealed record SlackResult(bool Ok, string? Ts = null, string? Error = null)
{
    public static SlackResult Failed(string error) => new(false, Error: error);
}

/// <summary>The Slack Web API calls BraketBot makes, and replies through a response_url.</summary>
public interface ISlackApi
{
    Task<SlackResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken);

    Task<SlackResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken);

    Task<SlackResult> RespondAsync(Uri responseUrl, SlackMessage message, Visibility visibility, bool replaceOriginal, CancellationToken cancellationToken);
}

/// <summary>
/// Typed HttpClient over the Slack Web API. The resilience handler around it retries 429 (after
/// Retry-After) and 5xx; an ok:false answer is logged with Slack's error string and returned.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptionsMonitor<SlackOptions> options, ILogger<SlackApiClient> logger) : ISlackApi
{
    public Task<SlackResult> PostMessageAsync(string channel, SlackMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        var body = MessageBody(message);
        body["channel"] = channel;
        if (threadTs is not null) body["thread_ts"] = threadTs;
        return CallAsync("chat.postMessage", body, cancellationToken);
    }

    public Task<SlackResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = MessageBody(message);
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", body, cancellationToken);
    }

    public async Task<SlackResult> RespondAsync(
        Uri responseUrl, SlackMessage message, Visibility visibility, bool replaceOriginal, CancellationToken cancellationToken)
    {
        var body = MessageBody(message);
        body["response_type"] = visibility == Visibility.InChannel ? "in_channel" : "ephemeral";
        body["replace_original"] = replaceOriginal;
        try
        {
            using var response = await http.PostAsJsonAsync(responseUrl, body, SlackMessage.Json, cancellationToken);
            if (response.IsSuccessStatusCode) return new SlackResult(true);
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            logger.LogWarning("Slack refused a response_url reply: {Status} {Error}", (int)response.StatusCode, error);
            return SlackResult.Failed(string.IsNullOrEmpty(error) ? $"http_{(int)response.StatusCode}" : error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            logger.LogWarning("Could not reach Slack's response_url: {Error}", e.Message);
            return SlackResult.Failed("unreachable");
        }
    }

    private async Task<SlackResult> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.BotToken)) return SlackResult.Failed("not_configured: Slack:BotToken is not set");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, method))
        {
            Content = JsonContent.Create(body, options: SlackMessage.Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Slack {Method} answered HTTP {Status}", method, (int)response.StatusCode);
                return SlackResult.Failed($"http_{(int)response.StatusCode}");
            }
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            if (answer?["ok"]?.GetValue<bool>() == true) return new SlackResult(true, answer["ts"]?.GetValue<string>());
            var error = answer?["error"]?.GetValue<string>() ?? "unknown_error";
            logger.LogWarning("Slack {Method} failed: {Error}", method, error);
            return SlackResult.Failed(error);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Slack {Method} could not be reached: {Error}", method, e.Message);
            return SlackResult.Failed("unreachable");
        }
    }

    private static JsonObject MessageBody(SlackMessage message)
    {
        var fitted = message.Fit();
        return new JsonObject
        {
            ["text"] = fitted.Text,
            ["blocks"] = System.Text.Json.JsonSerializer.SerializeToNode(fitted.Blocks, SlackMessage.Json),
        };
    }
}
