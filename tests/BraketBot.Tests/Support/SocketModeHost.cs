namespace BraketBot.Tests.Support;

/// <summary>
/// One host with Slack over Socket Mode (<see cref="SocketModeFixture"/>) shared, each test in its own reset scope, by the tests
/// of the Socket Mode link and what comes over it. It runs beside the default collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SocketModeHost : ICollectionFixture<SocketModeFixture>
{
    public const string Name = nameof(SocketModeHost);
}
