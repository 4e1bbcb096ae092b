using BraketBot.Hosting;
using BraketBot.Telemetry;

namespace BraketBot.Braket;

/// <summary>
/// Inside the resilience handler, so it sees every attempt: each Braket call's duration by operation
/// and HTTP status code (a throttled attempt that was retried shows as its 429).
/// </summary>
[HotPath]
public sealed class BraketCallMetrics(BraketBotMetrics metrics, TimeProvider time) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<string> Operation = new("braket.operation");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var status = 0; // no answer
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            metrics.BraketCall(
                request.Options.TryGetValue(Operation, out var operation) ? operation : "unknown",
                status,
                time.GetElapsedTime(started)
            );
        }
    }
}
