using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BraketBot.Ports;

namespace BraketBot.Slack;

public sealed partial class SlackApiClient : ISlackFiles
{
    /// <summary>Where the file cannot be shared, Slack says so at the last step: the file is then kept unshared.</summary>
    private static readonly HashSet<string> NotShareable = new(StringComparer.Ordinal) { "not_in_channel", "channel_not_found" };

    /// <summary>
    /// The three steps of Slack's upload. The first two share nothing, so they are repeated on any
    /// transient failure; completing with a channel shares the file, so that step is only repeated on
    /// a 429 (Slack did nothing). A failure half-way never completes, so nothing half-made is shared.
    /// </summary>
    public async Task<SlackFileResult> UploadAsync(SlackFileUpload upload, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["filename"] = upload.FileName,
            ["length"] = upload.Content.Length.ToString(CultureInfo.InvariantCulture),
            ["alt_txt"] = AltTextWithinLimit(upload.AltText),
        };
        var granted = await CallForJsonAsync("files.getUploadURLExternal", Form(fields), repeatable: true, cancellationToken);
        if (granted.Result is { } refused)
            return SlackFileResult.Failed(refused.Error ?? "unknown_error");
        if (
            !Uri.TryCreate(StringOf(granted.Json!["upload_url"]), UriKind.Absolute, out var target)
            || !IsSlackUploadUrl(target)
            || StringOf(granted.Json["file_id"]) is not { Length: > 0 } fileId
        )
        {
            LogInvalidUploadUrl(granted.Json["upload_url"]?.ToJsonString());
            return SlackFileResult.Failed(InvalidUploadUrl);
        }

        if (await SendBytesAsync(target, upload, cancellationToken) is { } failed)
            return SlackFileResult.Failed(failed);

        var completed = await CompleteAsync(fileId, upload, upload.Channel, cancellationToken);
        if (completed is null)
            return new SlackFileResult(fileId, Shared: upload.Channel is not null);
        // In a thread the file is only worth it shared: unshared, it would be an orphan no message shows.
        if (upload.Channel is null || upload.ThreadTs is not null || !NotShareable.Contains(completed.Error ?? ""))
            return SlackFileResult.Failed(completed.Error ?? "unknown_error", completed.Unknown);

        LogNotShared(upload.Channel, completed.Error!);
        var unshared = await CompleteAsync(fileId, upload, channel: null, cancellationToken);
        return unshared is null
            ? new SlackFileResult(fileId, Shared: false)
            : SlackFileResult.Failed(unshared.Error ?? "unknown_error", unshared.Unknown);
    }

    /// <summary>The bytes to the upload URL (no token: the URL is the permission). Null when Slack took them, else what went
    /// wrong.</summary>
    private async Task<string?> SendBytesAsync(Uri target, SlackFileUpload upload, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(upload.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        request.Options.Set(Repeatable, true);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var outcome = response.IsSuccessStatusCode ? "ok" : $"http_{(int)response.StatusCode}";
            metrics.SlackCall(FileUploadMetric, outcome);
            if (response.IsSuccessStatusCode)
                return null;
            LogHttpStatus(FileUploadMetric, (int)response.StatusCode);
            return $"upload_failed: {outcome}";
        }
        catch (Exception e) when (IsNoAnswer(e, cancellationToken))
        {
            metrics.SlackCall(FileUploadMetric, "unreachable");
            LogUnreachable(FileUploadMetric, e.Message);
            return "upload_failed: unreachable";
        }
    }

    /// <summary>files.completeUploadExternal, shared in the channel (and thread) or unshared; null when Slack said ok.</summary>
    private async Task<SlackResult?> CompleteAsync(
        string fileId,
        SlackFileUpload upload,
        string? channel,
        CancellationToken cancellationToken
    )
    {
        var body = new JsonObject { ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = upload.Title }) };
        if (channel is not null)
        {
            body["channel_id"] = channel;
            if (upload.ThreadTs is not null)
                body["thread_ts"] = upload.ThreadTs;
            if (upload.Comment is not null)
                body["initial_comment"] = upload.Comment;
        }
        // Shared, it may have landed when no answer came: not repeated. Unshared, repeating it harms nothing.
        var answer = await CallForJsonAsync(
            "files.completeUploadExternal",
            JsonContent.Create(body),
            repeatable: channel is null,
            cancellationToken
        );
        return answer.Result;
    }

    /// <summary>
    /// The bytes go only where Slack's own file host is (or the configured API's host, a test's fake),
    /// over https: the URL comes from an answer, and a wrong one must not send a chart anywhere else.
    /// </summary>
    private bool IsSlackUploadUrl(Uri target)
    {
        var api = options.CurrentValue.ApiBaseUrl;
        return (target.Scheme == Uri.UriSchemeHttps && target.IdnHost.Equals(SlackFileHost, StringComparison.OrdinalIgnoreCase))
            || (target.Scheme == api.Scheme && target.Authority.Equals(api.Authority, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A JSON string's value; null for anything else (a number where a URL should be).</summary>
    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Where Slack's upload URLs point.</summary>
    public const string SlackFileHost = "files.slack.com";

    /// <summary>The error when Slack's answer gave no upload URL BraketBot will send to.</summary>
    public const string InvalidUploadUrl = "invalid_upload_url";

    /// <summary>Slack refuses alt text over 1,000 characters.</summary>
    private static string AltTextWithinLimit(string altText) => Messages.SlackMessage.Shorten(altText, 1000);

    /// <summary>How the bytes' own call is counted (it is not a Web API method).</summary>
    public const string FileUploadMetric = "file_upload";

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Slack's upload URL {UploadUrl} is not Slack's file host over https (or no file id came with it); nothing was sent"
    )]
    private partial void LogInvalidUploadUrl(string? uploadUrl);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "The bot cannot share files in {Channel} ({Error}); the file is kept unshared and shown by an image block"
    )]
    private partial void LogNotShared(string channel, string error);
}
