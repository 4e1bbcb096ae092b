using Amazon.Runtime;
using BraketBot.Braket;
using BraketBot.Usage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace BraketBot.Testing;

/// <summary>The Braket feature alone (AddBraket), pointed at a fake, for client-level tests.</summary>
public static class BraketServices
{
    public static ServiceProvider Create(
        Uri serviceUrl,
        ImmutableCredentials? credentials = null,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null
    )
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Braket:ServiceUrl"] = serviceUrl.ToString(),
                    ["Braket:Regions:0"] = "us-west-1",
                    ["Braket:Regions:1"] = "us-east-1",
                }.Concat(settings ?? new Dictionary<string, string?>())
            )
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<IAwsCredentialsSource>(new StaticCredentials(credentials ?? TestSettings.Credentials));
        services.AddMetrics().AddSingleton<BraketBot.Telemetry.BraketBotMetrics>();
        services.AddBraket(configuration);
        services.AddUsage(configuration);
        services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5));
        return services.BuildServiceProvider();
    }
}
