namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared, one class after another and each test in its own reset scope, by the tests of what goes wrong:
/// Braket or Slack down or failing, a run out of time, a price list or a chart renderer that cannot be read or loaded.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultsHost : ICollectionFixture<FaultsFixture>
{
    public const string Name = nameof(FaultsHost);
}
