using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using BraketBot.Hosting;

namespace BraketBot.Braket;

/// <summary>
/// The AWS SDK's default chain: environment keys (with or without a session token), shared profile,
/// SSO, web identity, container and instance roles. Resolved on first use, not at start, so the
/// bot starts without AWS access; the resolved credentials refresh themselves.
/// </summary>
[HotPath]
public sealed class DefaultAwsCredentialsSource : IAwsCredentialsSource, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private AWSCredentials? resolved;

    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken) =>
        await (await ResolveAsync(cancellationToken)).GetCredentialsAsync();

    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var credentials = await ResolveAsync(cancellationToken);
        await credentials.GetCredentialsAsync(); // an SSO session that expired, say, fails here
        return AwsCredentialSources.Describe(credentials);
    }

    private async Task<AWSCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        if (resolved is not null)
            return resolved;
        await gate.WaitAsync(cancellationToken);
        try
        {
            return resolved ??= await new DefaultAWSCredentialsIdentityResolver().ResolveIdentityAsync(null, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
