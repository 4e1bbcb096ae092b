using BraketBot.Hosting;

namespace BraketBot.Webhooks;

public static class WebhooksExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<EventBridgeOptions, EventBridgeOptionsValidator>(configuration, EventBridgeOptions.Section);
        services.AddRequiredSetting<EventBridgeOptions>(
            "EventBridge:ApiKey",
            "the EventBridge webhook refuses every event (401); a queue (EventBridge:QueueUrl) needs no API key",
            o => o.ApiKey,
            unlessSet: "EventBridge:QueueUrl"
        );
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapEventBridgeRoute();
        return app;
    }
}
