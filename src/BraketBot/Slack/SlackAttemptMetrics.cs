using BraketBot.Hosting;
using BraketBot.Telemetry;

namespace BraketBot.Slack;

/// <summary>
/// Inside the resilience handler, so it sees every attempt: counts the ones Slack refused by HTTP
/// status (a 429 that was waited out shows here even though its call then succeeded).
/// </summary>
[HotPath]
public sealed class SlackAttemptMetrics(BraketBotMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            metrics.SlackCall(MethodOf(request), $"http_{(int)response.StatusCode}");
        return response;
    }

    private static string MethodOf(HttpRequestMessage request) =>
        request.RequestUri?.AbsolutePath switch
        {
            { } path when path.Contains("/api/", StringComparison.Ordinal) => request.RequestUri.Segments[^1],
            { } path when path.Contains("/upload/", StringComparison.Ordinal) => SlackApiClient.FileUploadMetric,
            _ => "response_url",
        };
}
