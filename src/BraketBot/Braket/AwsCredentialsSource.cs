using Amazon.Runtime;
using Amazon.Runtime.Credentials;

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

/// <summary>
/// The AWS SDK's default chain: environment keys (with or without a session token), shared profile,
/// SSO, web identity, container and instance roles. Resolved on first use, not at start, so the
/// bot starts without AWS access; the resolved credentials refresh themselves.
/// </summary>
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
        if (resolved is not null) return resolved;
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

public static class AwsCredentialSources
{
    /// <summary>The link of the SDK's default chain that gave these credentials, as an operator would look for it.</summary>
    public static string Describe(AWSCredentials credentials) => credentials switch
    {
        EnvironmentVariablesAWSCredentials => "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
        AssumeRoleWithWebIdentityCredentials => "web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN)",
        SSOAWSCredentials => $"SSO, profile {Profile()}",
        AssumeRoleAWSCredentials => $"a role assumed by profile {Profile()}",
        ProcessAWSCredentials => $"the credential_process of profile {Profile()}",
        BasicAWSCredentials or SessionAWSCredentials => $"the shared credentials file, profile {Profile()}",
        GenericContainerCredentials => "the container's role (ECS or EKS)",
        // The SDK's default instance credentials are internal: known by name.
        _ when credentials.GetType().Name.Contains("InstanceProfile", StringComparison.Ordinal) => "the instance's role (EC2 instance metadata)",
        _ => credentials.GetType().Name,
    };

    private static string Profile() => Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } profile ? profile : "default";
}
