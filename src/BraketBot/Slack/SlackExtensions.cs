using System.Net;
using BraketBot.Home;
using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace BraketBot.Slack;

public static class SlackExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SlackOptions, SlackOptionsValidator>(configuration, SlackOptions.Section);
        services.AddRequiredSetting<SlackOptions>(
            "Slack:SigningSecret",
            "every Slack request over HTTP is refused (401); Socket Mode (Slack:AppToken) needs no signing secret",
            o => o.SigningSecret,
            unlessSet: "Slack:AppToken"
        );
        services.AddRequiredSetting<SlackOptions>("Slack:BotToken", "alerts are logged, not posted", o => o.BotToken);
        services.AddRequiredSetting<SlackOptions>("Slack:AlertChannel", "alerts are logged, not posted", o => o.AlertChannel);
        services.AddScoped<SlackSignatureFilter>();
        services.AddTransient<SlackAttemptMetrics>();
        Resilient(services.AddHttpClient<ISlackApi, SlackApiClient>());
        // The same client for the set-up reads of `doctor`; all of them are repeatable.
        Resilient(services.AddHttpClient<ISlackSetupApi, SlackApiClient>());
        // And for file uploads: charts in replies, digests and alert threads.
        // A redirect from the upload URL is not followed: the bytes go where the URL was checked to point.
        Resilient(
            services
                .AddHttpClient<ISlackFiles, SlackApiClient>()
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
        );
        // And for the Home tab's views.publish.
        Resilient(services.AddHttpClient<ISlackViews, SlackApiClient>());
        services.AddTransient<SlackEventIntake>();
        return services;
    }

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        app.MapSlackRoutes();
        return app;
    }

    private static void Resilient(IHttpClientBuilder client)
    {
        client.AddStandardResilienceHandler(o =>
            o.Retry.ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context))
        );
        // Added after the resilience handler, so it sits inside it and sees every attempt.
        client.AddHttpMessageHandler<SlackAttemptMetrics>();
    }

    /// <summary>
    /// A 429 means Slack did nothing, so it is waited out for every call. Other failures leave it
    /// open whether Slack acted: only calls marked repeatable are tried again.
    /// </summary>
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
            return true;
        var request = context.GetRequestMessage();
        return request is not null
            && request.Options.TryGetValue(SlackApiClient.Repeatable, out var repeatable)
            && repeatable
            && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
