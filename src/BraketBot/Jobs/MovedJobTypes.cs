using Hangfire.Common;

namespace BraketBot.Jobs;

/// <summary>
/// Job types that moved to another namespace since a release that may have left jobs queued (an upgrade in place, or
/// an older instance on the same PostgreSQL): Hangfire stores a job's type by name, so the old name is read as the new
/// type. Names only, so that Jobs depends on no feature. Never remove a line while a release that used the old name may
/// have queued a job.
/// </summary>
public static class MovedJobTypes
{
    private static readonly Dictionary<string, string> NewNames = new(StringComparer.Ordinal)
    {
        // The feature folders (issue 25): the digest left Enforcement.
        ["BraketBot.Enforcement.DigestJob"] = "BraketBot.Digest.DigestJob",
        ["BraketBot.Enforcement.DigestArgs"] = "BraketBot.Digest.DigestArgs",
    };

    /// <summary>Hangfire's type resolver, reading a moved type's old name as its new one.</summary>
    public static Type Resolve(string typeName) => TypeHelper.DefaultTypeResolver(Rename(typeName));

    /// <summary>The stored name with a moved type's namespace brought up to date (the assembly part kept).</summary>
    public static string Rename(string typeName)
    {
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        var name = comma < 0 ? typeName : typeName[..comma];
        return NewNames.TryGetValue(name, out var renamed) ? renamed + typeName[name.Length..] : typeName;
    }
}
