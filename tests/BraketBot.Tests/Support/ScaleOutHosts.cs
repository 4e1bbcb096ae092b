namespace BraketBot.Tests.Support;

/// <summary>
/// One pair of default hosts on one PostgreSQL database (<see cref="HostPair"/>), shared one class after another and each test
/// in its own reset scope, by the tests of several instances of one deployment: events, clicks, jobs and the Home tab on two
/// hosts at once. It runs beside the other collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutHosts : ICollectionFixture<HostPair>
{
    public const string Name = nameof(ScaleOutHosts);
}
