namespace BraketBot.Hosting;

/// <summary>The /readyz answer for operators: ready or unready, the missing settings, and each check's word.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyList<string> Missing, IReadOnlyDictionary<string, CheckReport> Checks);
