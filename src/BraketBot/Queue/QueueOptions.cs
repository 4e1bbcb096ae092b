using System.Text.RegularExpressions;

namespace BraketBot.Queue;

/// <summary>The EventBridge section's queue: set, BraketBot long-polls it for Braket task state changes.</summary>
public sealed partial record QueueOptions
{
    public const string Section = "EventBridge";

    /// <summary>The SQS queue an EventBridge rule targets, e.g.
    /// https://sqs.us-east-1.amazonaws.com/111122223333/braketbot-events.</summary>
    public Uri? QueueUrl { get; init; }

    /// <summary>The queue's region; unset, it is read from <see cref="QueueUrl"/>.</summary>
    public string? QueueRegion { get; init; }

    /// <summary>SQS endpoint override (tests, VPC endpoints); unset, the region's public endpoint.</summary>
    public Uri? SqsServiceUrl { get; init; }

    public bool Enabled => QueueUrl is not null;

    /// <summary>The region to sign for: the one given, else the one in the queue's host name (sqs.{region}.amazonaws.com).</summary>
    public string? Region => string.IsNullOrWhiteSpace(QueueRegion) ? RegionIn(QueueUrl) : QueueRegion;

    public static string? RegionIn(Uri? url) =>
        url is { IsAbsoluteUri: true } ? url.Host.Split('.').FirstOrDefault(label => RegionName().IsMatch(label)) : null;

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    internal static partial Regex RegionName();
}
