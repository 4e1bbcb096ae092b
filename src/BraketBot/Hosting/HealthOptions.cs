namespace BraketBot.Hosting;

/// <summary>Who besides the metrics port and this machine may read the details of /readyz.</summary>
public sealed record HealthOptions
{
    public const string Section = "Health";

    /// <summary>A secret that, sent as <c>Authorization: Bearer …</c>, shows /readyz's details to a caller from anywhere.</summary>
    public string? DetailsToken { get; init; }
}
