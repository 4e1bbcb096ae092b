using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace BraketBot.Slack.SocketMode;

/// <summary>
/// Typed HttpClient for apps.connections.open: the app token buys a temporary WebSocket URL.
/// Safe to repeat, so the resilience handler retries it.
/// </summary>
public sealed class SocketModeConnector(HttpClient http, IOptionsMonitor<SlackOptions> slack, IOptionsMonitor<SocketModeOptions> options)
{
    public const string Method = "apps.connections.open";

    public async Task<Uri> OpenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(slack.CurrentValue.ApiBaseUrl, Method))
        {
            Content = new FormUrlEncodedContent([]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.AppToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new SocketModeUnavailableException($"{Method} answered HTTP {(int)response.StatusCode}");

        JsonObject? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        }
        catch (JsonException e)
        {
            throw new SocketModeUnavailableException($"{Method} answered something other than JSON: {e.Message}");
        }
        if (!(answer?["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && isOk))
            throw new SocketModeUnavailableException($"{Method} failed: {Text(answer?["error"]) ?? "unknown_error"}");
        if (!Uri.TryCreate(Text(answer["url"]), UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
            throw new SocketModeUnavailableException($"{Method} gave no WebSocket URL.");
        return url;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
