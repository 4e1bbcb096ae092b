using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Queue;

public sealed class QueueOptionsValidator : IValidateOptions<QueueOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueOptions options)
    {
        var failures = new List<string>();
        if (options.QueueUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
            failures.Add(
                $"EventBridge:QueueUrl '{url}' must be an absolute URL (https://sqs.{{region}}.amazonaws.com/{{account}}/{{queue}})."
            );
        else if (options.Enabled && options.Region is null)
            failures.Add($"EventBridge:QueueRegion must be set: no region can be read from EventBridge:QueueUrl '{options.QueueUrl}'.");
        if (!string.IsNullOrWhiteSpace(options.QueueRegion) && !QueueOptions.RegionName().IsMatch(options.QueueRegion))
            failures.Add($"EventBridge:QueueRegion '{options.QueueRegion}' is not an AWS region name (us-east-1).");
        if (options.SqsServiceUrl is { IsAbsoluteUri: false } || options.SqsServiceUrl is { Scheme: not ("https" or "http") })
            failures.Add($"EventBridge:SqsServiceUrl '{options.SqsServiceUrl}' must be an absolute http(s) URL.");
        return failures.ToResult();
    }
}
