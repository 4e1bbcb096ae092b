using System.Net;
using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace BraketBot.Braket;

public static class BraketExtensions
{
    public static IServiceCollection AddBraket(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BraketOptions, BraketOptionsValidator>(configuration, BraketOptions.Section);
        services.TryAddSingleton<IAwsCredentialsSource, DefaultAwsCredentialsSource>();
        services.AddSingleton<QuotaLimiter>();
        services.AddTransient<SigV4Handler>();
        services.AddTransient<BraketCallMetrics>();
        var client = services.AddHttpClient<IBraketApi, BraketClient>();
        client
            .AddStandardResilienceHandler(o =>
            {
                // Throttling is Braket pacing us (the quota limiter and the callers' backoff answer it), not Braket failing.
                o.CircuitBreaker.ShouldHandle = args =>
                    ValueTask.FromResult(
                        args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
                            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    );
                // Open only when most calls fail: a brownout that lets some through is retried, not cut off.
                o.CircuitBreaker.FailureRatio = 0.5;
            })
            // A breaker per region and operation: one failing region or operation does not stop the others.
            .SelectPipelineBy(_ => request => $"{Option(request, SigV4Handler.Region)}/{Option(request, BraketCallMetrics.Operation)}")
            // A retry is a call Braket counts like the first: it waits for a quota token of its own (before the handler's
            // backoff), or it takes one the limiter promised to the next caller, who is throttled in turn.
            .Configure(
                (o, services) =>
                    o.Retry.OnRetry = args => new ValueTask(WaitForTokenAsync(services.GetRequiredService<QuotaLimiter>(), args))
            );
        // Added after the resilience handler, so they sit inside it: every attempt is counted and signed afresh.
        client.AddHttpMessageHandler<BraketCallMetrics>();
        client.AddHttpMessageHandler<SigV4Handler>();
        services.AddHostedService<SignerWarmUp>();
        return services;
    }

    private static Task WaitForTokenAsync(QuotaLimiter limiter, OnRetryArguments<HttpResponseMessage> retry)
    {
        var request = retry.Context.GetRequestMessage();
        if (request is null)
            return Task.CompletedTask;
        return limiter.WaitAsync(
            Option(request, SigV4Handler.Region),
            Option(request, BraketCallMetrics.Operation),
            retry.Context.CancellationToken
        );
    }

    private static string Option(HttpRequestMessage request, HttpRequestOptionsKey<string> key) =>
        request.Options.TryGetValue(key, out var value) ? value : "";
}
