namespace BraketBot.Tests.Support;

/// <summary>The dashboard read-write: a signed-in session may trigger, requeue and delete jobs.</summary>
public sealed class ReadWriteDashboard() : DashboardFixture(readWrite: true);
