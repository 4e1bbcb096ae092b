using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace BraketBot.Braket;

/// <summary>Where the AWS credentials for signing come from.</summary>
public interface IAwsCredentialsSource
{
    /// <summary>Current credentials; throws <see cref="AmazonClientException"/> when none can be found.</summary>
    Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The AWS SDK's default chain: environment keys (with or without a session token), shared profile,
/// SSO, web identity, container and instance roles. Resolved on first use, not at start, so the
/// bot starts without AWS access; the resolved credentials refresh themselves.
/// </summary>
public sealed class DefaultAwsCredentialsSource : IAwsCredentialsSource, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AWSCredentials? resolved;

    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (resolved is null)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                resolved ??= await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }
        return await resolved.GetCredentialsAsync();
    }

    public void Dispose() => gate.Dispose();
}
