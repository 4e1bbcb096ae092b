namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared by the test classes of what the bot draws and publishes: charts, the Home tab, prices, jobs and reservations (one after
/// another, each test in its own reset scope); the other default collections run beside it, so the suite keeps both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReportsHost : ICollectionFixture<AppFixture>
{
    public const string Name = nameof(ReportsHost);
}
