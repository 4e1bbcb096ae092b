using System.Security.Cryptography;
using System.Text;
using BraketBot.Enforcement;
using BraketBot.Hosting;
using BraketBot.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BraketBot.Webhooks;

/// <summary>The EventBridge API destination's target: checks the key, parses, and hands the event to the intake.</summary>
[HotPath]
public static partial class WebhookEndpoints
{
    public static RouteHandlerBuilder MapEventBridgeRoute(this IEndpointRouteBuilder app) =>
        app.MapGroup("/webhooks")
            .WithTags("Webhooks")
            .MapPost("/eventbridge", EventBridgeAsync)
            .WithSummary("Target of an EventBridge API destination: Braket task state changes, authenticated by the API key header.");

    public static async Task<
        Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, BadRequest<WebhookAnswer>, UnauthorizedHttpResult, StatusCodeHttpResult>
    > EventBridgeAsync(
        HttpRequest request,
        IOptionsMonitor<EventBridgeOptions> options,
        EventIntake intake,
        BraketBotMetrics metrics,
        ILoggerFactory loggerFactory
    )
    {
        // Logged under this class's name (a static class cannot be ILogger<T>'s T).
        var logger = loggerFactory.CreateLogger(typeof(WebhookEndpoints).FullName!);
        var settings = options.CurrentValue;
        if (!KeyMatches(settings.ApiKey, request.Headers[settings.ApiKeyHeader]))
        {
            LogRefused(logger, settings.ApiKeyHeader);
            return TypedResults.Unauthorized();
        }
        var cancellationToken = request.HttpContext.RequestAborted;
        var body = await request.ReadBodyAsync(RequestBody.MaxBytes, cancellationToken);
        if (body is null)
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);

        switch (TaskStateChange.Parse(body))
        {
            case EventParse.Invalid invalid:
                metrics.Event("invalid");
                return TypedResults.BadRequest(new WebhookAnswer("invalid", invalid.Reason));
            case EventParse.Other other:
                metrics.Event("ignored");
                return TypedResults.Ok(new WebhookAnswer("ignored", $"'{other.DetailType}' is not a Braket task or job state change."));
            case EventParse.BraketEvent braketEvent:
                EventAnswer answer;
                try
                {
                    answer = await intake.HandleAsync(braketEvent, cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // EventBridge retries a 5xx; the event id was given back, so the retry is handled.
                    LogHandOverFailed(logger, e, braketEvent.EventId);
                    return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
                var result = new WebhookAnswer(answer.Outcome.ToString().ToLowerInvariant(), answer.Detail);
                return answer.Outcome is EventOutcome.Evaluating or EventOutcome.Coalesced
                    ? TypedResults.Accepted((string?)null, result)
                    : TypedResults.Ok(result);
            default:
                throw new InvalidOperationException("Unknown parse result.");
        }
    }

    private static bool KeyMatches(string? expected, string? given) =>
        !string.IsNullOrEmpty(expected)
        && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an EventBridge delivery: missing or wrong {Header}")]
    private static partial void LogRefused(ILogger logger, string header);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} could not be handed over; EventBridge will deliver it again")]
    private static partial void LogHandOverFailed(ILogger logger, Exception e, string eventId);
}
