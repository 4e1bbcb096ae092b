using Amazon.Runtime;
using BraketBot.Braket;

namespace BraketBot.Testing;

/// <summary>AWS credentials a test chooses (and may change while the host runs), instead of the SDK's chain.</summary>
public sealed class StaticCredentials(Func<ImmutableCredentials> credentials) : IAwsCredentialsSource
{
    public StaticCredentials(ImmutableCredentials credentials)
        : this(() => credentials) { }

    public Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken) => Task.FromResult(credentials());
}
