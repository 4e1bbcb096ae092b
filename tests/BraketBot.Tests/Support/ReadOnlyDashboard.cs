namespace BraketBot.Tests.Support;

/// <summary>The dashboard read-only, as it is by default.</summary>
public sealed class ReadOnlyDashboard() : DashboardFixture(readWrite: false);
