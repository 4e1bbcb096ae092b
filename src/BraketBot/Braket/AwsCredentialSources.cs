using Amazon.Runtime;

namespace BraketBot.Braket;

public static class AwsCredentialSources
{
    /// <summary>The link of the SDK's default chain that gave these credentials, as an operator would look for it.</summary>
    public static string Describe(AWSCredentials credentials) =>
        credentials switch
        {
            EnvironmentVariablesAWSCredentials => "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
            AssumeRoleWithWebIdentityCredentials => "web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN)",
            SSOAWSCredentials => $"SSO, profile {Profile()}",
            AssumeRoleAWSCredentials => $"a role assumed by profile {Profile()}",
            ProcessAWSCredentials => $"the credential_process of profile {Profile()}",
            BasicAWSCredentials or SessionAWSCredentials => $"the shared credentials file, profile {Profile()}",
            GenericContainerCredentials => "the container's role (ECS or EKS)",
            // The SDK's default instance credentials are internal: known by name.
            _ when credentials.GetType().Name.Contains("InstanceProfile", StringComparison.Ordinal) =>
                "the instance's role (EC2 instance metadata)",
            _ => credentials.GetType().Name,
        };

    private static string Profile() => Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } profile ? profile : "default";
}
