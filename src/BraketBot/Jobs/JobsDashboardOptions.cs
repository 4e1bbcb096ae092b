namespace BraketBot.Jobs;

/// <summary>The Hangfire dashboard: served only with both credentials set; read-only unless ReadWrite.</summary>
public sealed record JobsDashboardOptions
{
    public const string Section = "Hangfire:Dashboard";

    public string? Username { get; init; }
    public string? Password { get; init; }

    /// <summary>Whether the dashboard may change jobs (trigger, requeue, delete); off, it only shows them.</summary>
    public bool ReadWrite { get; init; }

    public bool Enabled => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
