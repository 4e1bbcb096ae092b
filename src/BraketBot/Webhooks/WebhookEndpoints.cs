using System.Security.Cryptography;
using System.Text;
using BraketBot.Braket;
using BraketBot.Caps;
using BraketBot.Hosting;
using BraketBot.Storage;
using BraketBot.Usage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BraketBot.Webhooks;

/// <summary>What the webhook did with an event.</summary>
public sealed record WebhookAnswer(string Status, string Detail);

public static class WebhookEndpoints
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>EventBridge delivers each event at least once; ids are remembered this long.</summary>
    private static readonly TimeSpan KeepEventIds = TimeSpan.FromHours(24);

    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventBridgeOptions, EventBridgeOptionsValidator>(configuration, EventBridgeOptions.Section);
        services.AddRequiredSetting<EventBridgeOptions>("EventBridge:ApiKey", "the EventBridge webhook refuses every event (401)", o => o.ApiKey);
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/webhooks").WithTags("Webhooks")
            .MapPost("/eventbridge", EventBridgeAsync)
            .WithSummary("Target of an EventBridge API destination: Braket task state changes, authenticated by the API key header.");
        return app;
    }

    public static async Task<Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, BadRequest<WebhookAnswer>, UnauthorizedHttpResult, StatusCodeHttpResult>> EventBridgeAsync(
        HttpRequest request,
        IOptionsMonitor<EventBridgeOptions> options,
        IOptionsMonitor<CapsOptions> capsOptions,
        IBotStore store,
        CapEvaluator evaluator,
        TimeProvider time,
        ILogger<WebhookAnswer> logger)
    {
        var settings = options.CurrentValue;
        if (!KeyMatches(settings.ApiKey, request.Headers[settings.ApiKeyHeader]))
        {
            logger.LogWarning("Refused an EventBridge delivery: missing or wrong {Header}", settings.ApiKeyHeader);
            return TypedResults.Unauthorized();
        }
        var cancellationToken = request.HttpContext.RequestAborted;
        var body = await request.ReadBodyAsync(MaxBodyBytes, cancellationToken);
        if (body is null) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);

        switch (TaskStateChange.Parse(body))
        {
            case EventParse.Invalid invalid:
                return TypedResults.BadRequest(new WebhookAnswer("invalid", invalid.Reason));
            case EventParse.Other other:
                return TypedResults.Ok(new WebhookAnswer("ignored", $"'{other.DetailType}' is not a Braket task state change."));
            case EventParse.TaskEvent taskEvent:
                if (!await store.TryClaimAsync($"event:{taskEvent.EventId}", time.GetUtcNow() + KeepEventIds, cancellationToken))
                    return TypedResults.Ok(new WebhookAnswer("duplicate", $"Event {taskEvent.EventId} was handled already."));
                return await HandOverAsync(taskEvent.Task, capsOptions.CurrentValue, store, evaluator, cancellationToken);
            default:
                throw new InvalidOperationException("Unknown parse result.");
        }
    }

    /// <summary>
    /// Only a task that is created or queued can raise usage; every other change (BraketBot's own
    /// cancellations among them) is acknowledged and needs no evaluation.
    /// </summary>
    private static async Task<Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, BadRequest<WebhookAnswer>, UnauthorizedHttpResult, StatusCodeHttpResult>> HandOverAsync(
        QuantumTaskSummary task, CapsOptions caps, IBotStore store, CapEvaluator evaluator, CancellationToken cancellationToken)
    {
        if (!caps.AnyCap) return TypedResults.Ok(new WebhookAnswer("ignored", "No caps are configured."));
        if (!task.Status.IsCancellable())
            return TypedResults.Ok(new WebhookAnswer("ignored", $"A {task.Status.ToWire()} task adds no usage."));

        var day = DayWindow.Today(task.CreatedAt, caps.Zone).ToString("yyyy-MM-dd");
        await store.RememberTaskAsync(day, task, cancellationToken);
        var request = new EvaluationRequest(caps.HasAccountCap ? null : task.DeviceArn, day,
            $"task {task.QuantumTaskArn} ({task.Status.ToWire()}, {task.Shots} shots)");
        var started = await evaluator.RequestAsync(request, cancellationToken);
        return TypedResults.Accepted((string?)null, new WebhookAnswer(started ? "evaluating" : "coalesced", request.RunKey));
    }

    private static bool KeyMatches(string? expected, string? given) =>
        !string.IsNullOrEmpty(expected) && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
