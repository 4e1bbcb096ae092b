namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared, one class after another and each test in its own reset scope, by the tests of
/// what the bot draws and publishes: charts, the Home tab, prices, jobs and reservations.
/// The other default collections run beside it, so the suite keeps both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReportsHost : ICollectionFixture<AppFixture>
{
    public const string Name = nameof(ReportsHost);
}
