namespace BraketBot.Hosting;

/// <summary>The /readyz (and /healthz) answer for everyone: one word, nothing about the set-up.</summary>
public sealed record HealthState(string Status);
