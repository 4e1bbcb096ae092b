namespace BraketBot.Tests.Support;

/// <summary>
/// Health's hosts (<see cref="HealthFixture"/>), shared one class after another, each test in its own reset scope.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HealthHosts : ICollectionFixture<HealthFixture>
{
    public const string Name = nameof(HealthHosts);
}
