using Amazon.Runtime;

namespace BraketBot.Braket;

/// <summary>Where the AWS credentials for signing come from.</summary>
public interface IAwsCredentialsSource
{
    /// <summary>Current credentials; throws <see cref="AmazonClientException"/> when none can be found.</summary>
    Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken);

    /// <summary>Which source gave the credentials, in words; throws <see cref="AmazonClientException"/> when none can be found.</summary>
    async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        await GetAsync(cancellationToken);
        return "given to BraketBot by its host";
    }
}
