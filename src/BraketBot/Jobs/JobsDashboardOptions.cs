using System.Security.Cryptography;
using System.Text;

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

    /// <summary>
    /// Whether these are the configured credentials, in constant time: both are always compared (as hashes, so their
    /// lengths tell nothing either).
    /// </summary>
    public bool Accepts(string? username, string? password) => Enabled & Same(username, Username) & Same(password, Password);

    private static bool Same(string? given, string? expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given ?? "")),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected ?? ""))
        );
}
