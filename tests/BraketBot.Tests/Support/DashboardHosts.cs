namespace BraketBot.Tests.Support;

/// <summary>
/// The dashboard's kinds, a host each (<see cref="ReadWriteDashboard"/>, <see cref="ReadOnlyDashboard"/>,
/// <see cref="DashboardOnFly"/>), shared one class after another, each test in its own reset scope.
/// One collection: the three hosts run beside the other collections as one more, not three.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DashboardHosts
    : ICollectionFixture<ReadWriteDashboard>,
        ICollectionFixture<ReadOnlyDashboard>,
        ICollectionFixture<DashboardOnFly>
{
    public const string Name = nameof(DashboardHosts);
}
