namespace BraketBot.Tests.Support;

/// <summary>The dashboard read-write on a Fly.io machine, where each client is named by Fly's proxy.</summary>
public sealed class DashboardOnFly() : DashboardFixture(readWrite: true, onFly: true);
