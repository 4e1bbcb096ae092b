using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BraketBot.Hosting;
using BraketBot.Messages;
using BraketBot.Ports;
using BraketBot.Telemetry;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BraketBot.Slack;

/// <summary>
/// Typed HttpClient over the Slack Web API. The resilience handler around it waits out 429s for
/// every call and retries other failures only for calls that are safe to repeat (reads, updates,
/// replacing replies): a post that may have landed is never sent again from here.
/// </summary>
[HotPath]
public sealed partial class SlackApiClient(
    HttpClient http,
    IOptionsMonitor<SlackOptions> options,
    BraketBotMetrics metrics,
    ILogger<SlackApiClient> logger
) : ISlackApi, ISlackSetupApi
{
    /// <summary>Marks a request whose repetition does no harm, so that the resilience handler may retry it.</summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("slack.repeatable");

    /// <summary>How far back a lost post is looked for: 2,000 messages since the run began.</summary>
    private const int MaxHistoryPages = 10;

    /// <summary>
    /// Slack's refusal of a message whose image names a file it has not finished processing (completing an
    /// upload is asynchronous on Slack's side): the message goes again without the image.
    /// </summary>
    private const string InvalidBlocks = "invalid_blocks";

    public async Task<SlackResult> PostMessageAsync(
        string channel,
        SlackMessage message,
        string? threadTs,
        MessageTag? tag,
        CancellationToken cancellationToken
    )
    {
        var posted = await PostOnceAsync(channel, message, threadTs, tag, cancellationToken);
        if (posted.Error != InvalidBlocks || !message.ShowsFile)
            return posted;
        LogImageRefused("chat.postMessage");
        return await PostOnceAsync(channel, message.WithoutImages(), threadTs, tag, cancellationToken);
    }

    private Task<SlackResult> PostOnceAsync(
        string channel,
        SlackMessage message,
        string? threadTs,
        MessageTag? tag,
        CancellationToken cancellationToken
    )
    {
        var body = MessageBody(message);
        body["channel"] = channel;
        if (threadTs is not null)
            body["thread_ts"] = threadTs;
        if (tag is not null)
            body["metadata"] = new JsonObject
            {
                ["event_type"] = MessageTag.EventType,
                ["event_payload"] = new JsonObject { ["run_id"] = tag.RunId, ["part"] = tag.Part },
            };
        return CallAsync("chat.postMessage", JsonContent.Create(body, options: SlackMessage.Json), repeatable: false, cancellationToken);
    }

    public Task<SlackResult> UpdateMessageAsync(string channel, string ts, SlackMessage message, CancellationToken cancellationToken)
    {
        var body = MessageBody(message);
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", JsonContent.Create(body, options: SlackMessage.Json), repeatable: true, cancellationToken);
    }

    public async Task<SlackResult> FindMessageAsync(
        string channel,
        string? threadTs,
        MessageTag tag,
        DateTimeOffset since,
        CancellationToken cancellationToken
    )
    {
        // Reads take form fields, not JSON. A thread's replies come from conversations.replies.
        var fields = new Dictionary<string, string>
        {
            ["channel"] = channel,
            ["oldest"] = (since.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture),
            ["include_all_metadata"] = "true",
            ["limit"] = "200",
        };
        if (threadTs is not null)
            fields["ts"] = threadTs;
        var method = threadTs is null ? "conversations.history" : "conversations.replies";
        // Page by page back to `since`: a busy channel, or a long outage, puts the post past the first page.
        for (var page = 0; page < MaxHistoryPages; page++)
        {
            var answer = await CallForJsonAsync(method, new FormUrlEncodedContent(fields), repeatable: true, cancellationToken);
            if (answer.Result is { Ok: false } failed)
                return failed;
            foreach (var found in answer.Json!["messages"]?.AsArray() ?? [])
            {
                var metadata = found?["metadata"];
                if (
                    metadata?["event_type"]?.GetValue<string>() == MessageTag.EventType
                    && metadata["event_payload"]?["run_id"]?.GetValue<string>() == tag.RunId
                    && metadata["event_payload"]?["part"]?.GetValue<string>() == tag.Part
                )
                    return new SlackResult(true, found!["ts"]?.GetValue<string>());
            }
            if (answer.Json["response_metadata"]?["next_cursor"]?.GetValue<string>() is not { Length: > 0 } cursor)
                break;
            fields["cursor"] = cursor;
        }
        return SlackResult.Failed("not_found");
    }

    public async Task<SlackRead<SlackIdentity>> IdentifyBotAsync(CancellationToken cancellationToken)
    {
        var answer = await CallForJsonAsync("auth.test", Form([]), repeatable: true, cancellationToken);
        return answer.Result is { } failed
            ? new(null, failed.Error)
            : new(new SlackIdentity(Text(answer.Json!, "team"), answer.Json!["url"]?.GetValue<string>(), Text(answer.Json!, "user")), null);
    }

    public async Task<SlackRead<SlackChannelInfo>> ChannelAsync(string channel, CancellationToken cancellationToken)
    {
        var answer = await CallForJsonAsync(
            "conversations.info",
            Form(new() { ["channel"] = channel }),
            repeatable: true,
            cancellationToken
        );
        if (answer.Result is { } failed)
            return new(null, failed.Error);
        var found = answer.Json!["channel"];
        return new(
            new SlackChannelInfo(
                found?["id"]?.GetValue<string>() ?? channel,
                found?["name"]?.GetValue<string>() ?? channel,
                found?["is_member"]?.GetValue<bool>() ?? false,
                found?["is_private"]?.GetValue<bool>() ?? false
            ),
            null
        );
    }

    public async Task<SlackResult> CheckAppTokenAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.CurrentValue.AppToken))
            return SlackResult.Failed("not_configured: Slack:AppToken is not set");
        var answer = await CallForJsonAsync(
            "apps.connections.open",
            Form([]),
            repeatable: true,
            cancellationToken,
            options.CurrentValue.AppToken
        );
        return answer.Result ?? new SlackResult(true);
    }

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields) => new(fields);

    private static string Text(JsonObject json, string name) => json[name]?.GetValue<string>() ?? "";

    public async Task<SlackResult> RespondAsync(
        Uri responseUrl,
        SlackMessage message,
        Visibility visibility,
        bool replaceOriginal,
        CancellationToken cancellationToken
    )
    {
        var sent = await RespondOnceAsync(responseUrl, message, visibility, replaceOriginal, cancellationToken);
        // A response_url answers a refused block with an HTTP error whose body is the error's name.
        if (sent.Ok || sent.Unknown || sent.Error?.Contains(InvalidBlocks, StringComparison.Ordinal) != true || !message.ShowsFile)
            return sent;
        LogImageRefused("response_url");
        return await RespondOnceAsync(responseUrl, message.WithoutImages(), visibility, replaceOriginal, cancellationToken);
    }

    private async Task<SlackResult> RespondOnceAsync(
        Uri responseUrl,
        SlackMessage message,
        Visibility visibility,
        bool replaceOriginal,
        CancellationToken cancellationToken
    )
    {
        var body = MessageBody(message);
        body["response_type"] = visibility.ToWire();
        body["replace_original"] = replaceOriginal;
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = JsonContent.Create(body, options: SlackMessage.Json),
        };
        // Never repeated here: each post, even one that replaces, uses one of the response_url's five.
        request.Options.Set(Repeatable, false);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            metrics.SlackCall("response_url", response.IsSuccessStatusCode ? "ok" : $"http_{(int)response.StatusCode}");
            if (response.IsSuccessStatusCode)
                return new SlackResult(true);
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            LogResponseRefused((int)response.StatusCode, error);
            return SlackResult.Failed(string.IsNullOrEmpty(error) ? $"http_{(int)response.StatusCode}" : error);
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken))
        {
            metrics.SlackCall("response_url", "unreachable");
            LogResponseUnreachable(e.Message);
            return SlackResult.NoAnswer("unreachable");
        }
    }

    private async Task<SlackResult> CallAsync(string method, HttpContent content, bool repeatable, CancellationToken cancellationToken)
    {
        var answer = await CallForJsonAsync(method, content, repeatable, cancellationToken);
        return answer.Result ?? new SlackResult(true, answer.Json!["ts"]?.GetValue<string>());
    }

    /// <summary>The answer's JSON when Slack said ok; otherwise the failure (Result set). Counted by method and outcome.</summary>
    /// <param name="bearer">The token to call with; the bot token unless given.</param>
    private async Task<(JsonObject? Json, SlackResult? Result)> CallForJsonAsync(
        string method,
        HttpContent content,
        bool repeatable,
        CancellationToken cancellationToken,
        string? bearer = null
    )
    {
        var answer = await SendForJsonAsync(method, content, repeatable, bearer, cancellationToken);
        metrics.SlackCall(method, answer.Result is { } failed ? failed.Error ?? "unknown_error" : "ok");
        return answer;
    }

    private async Task<(JsonObject? Json, SlackResult? Result)> SendForJsonAsync(
        string method,
        HttpContent content,
        bool repeatable,
        string? bearer,
        CancellationToken cancellationToken
    )
    {
        var settings = options.CurrentValue;
        var token = bearer ?? settings.BotToken;
        if (string.IsNullOrEmpty(token))
            return (null, SlackResult.Failed("not_configured: Slack:BotToken is not set"));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Options.Set(Repeatable, repeatable);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogHttpStatus(method, (int)response.StatusCode);
                // A 429 is Slack saying it did nothing; a 5xx leaves it open whether it did.
                var error = $"http_{(int)response.StatusCode}";
                return (
                    null,
                    response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode < 500
                        ? SlackResult.Failed(error)
                        : SlackResult.NoAnswer(error)
                );
            }
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            if (answer?["ok"]?.GetValue<bool>() == true)
                return (answer, null);
            var slackError = answer?["error"]?.GetValue<string>() ?? "unknown_error";
            LogFailed(method, slackError);
            return (null, SlackResult.Failed(slackError));
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken) || e is JsonException or InvalidOperationException)
        {
            LogUnreachable(method, e.Message);
            return (null, SlackResult.NoAnswer("unreachable"));
        }
    }

    /// <summary>Slack gave no usable answer: the network, a timeout, or the resilience handler giving up.</summary>
    private static bool IsNoAnswer(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or TimeoutException or TimeoutRejectedException or BrokenCircuitException
        || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static JsonObject MessageBody(SlackMessage message)
    {
        var fitted = message.Fit();
        return new JsonObject { ["text"] = fitted.Text, ["blocks"] = JsonSerializer.SerializeToNode(fitted.Blocks, SlackMessage.Json) };
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Slack refused the chart's image in a message ({Method}, invalid_blocks); it is sent again without it"
    )]
    private partial void LogImageRefused(string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused a response_url reply: {Status} {Error}")]
    private partial void LogResponseRefused(int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach Slack's response_url: {Error}")]
    private partial void LogResponseUnreachable(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} answered HTTP {Status}")]
    private partial void LogHttpStatus(string method, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed: {Error}")]
    private partial void LogFailed(string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} could not be reached: {Error}")]
    private partial void LogUnreachable(string method, string error);
}
