using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using BraketBot.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BraketBot.Queue;

public static class QueueExtensions
{
    public const string ReadinessCheck = "eventbridge-queue";

    /// <summary>Braket events from an SQS queue when EventBridge:QueueUrl is set: only outbound requests, no public URL.</summary>
    public static IServiceCollection AddQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<QueueOptions, QueueOptionsValidator>(configuration, QueueOptions.Section);
        services.TryAddSingleton<IAmazonSQS>(sp =>
            CreateClient(sp.GetRequiredService<IOptions<QueueOptions>>().Value, sp.GetService<AWSCredentials>())
        );
        services.AddLinkStatus<QueuePoller>(ReadinessCheck);
        services.AddHostedService<QueuePoller>();
        return services;
    }

    /// <summary>
    /// The SQS client for the queue's region (or the endpoint override), with the SDK's default
    /// credential chain unless the host registered credentials of its own.
    /// </summary>
    public static AmazonSQSClient CreateClient(QueueOptions options, AWSCredentials? credentials)
    {
        var config = new AmazonSQSConfig();
        if (options.SqsServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }
}
