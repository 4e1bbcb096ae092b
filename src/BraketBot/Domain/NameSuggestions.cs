namespace BraketBot.Domain;

/// <summary>"Did you mean" for device names: the closest names by edit distance, ignoring case.</summary>
public static class NameSuggestions
{
    public static IReadOnlyList<string> Nearest(string query, IEnumerable<string> names, int count = 3)
    {
        var wanted = query.ToLowerInvariant();
        var limit = Math.Max(2, wanted.Length / 2);
        return names
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => (name, distance: Distance(wanted, name.ToLowerInvariant())))
            .Where(c => c.distance <= limit || c.name.Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.distance)
            .ThenBy(c => c.name, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(c => c.name)
            .ToList();
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
