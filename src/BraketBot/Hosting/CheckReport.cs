namespace BraketBot.Hosting;

/// <summary>One readiness check as operators see it: its status and why.</summary>
public sealed record CheckReport(string Status, string? Description);
