using BraketBot.Hosting;
using BraketBot.Ports;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        client.AddStandardResilienceHandler(o =>
            // A throttle is Braket pacing a burst (the retries and the quota pacing take it), not an outage: it must not open
            // the circuit, or one throttled burst of cancels would fail every call for the break, the origin look-ups' among them.
            o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests
                && Microsoft.Extensions.Http.Resilience.HttpClientResiliencePredicates.IsTransient(args.Outcome)));
        // Added after the resilience handler, so they sit inside it: every attempt is counted and signed afresh.
        client.AddHttpMessageHandler<BraketCallMetrics>();
        client.AddHttpMessageHandler<SigV4Handler>();
        services.AddHostedService<SignerWarmUp>();
        return services;
    }
}
