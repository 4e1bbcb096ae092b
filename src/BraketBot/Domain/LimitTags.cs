namespace BraketBot.Domain;

/// <summary>The tags by which a spending limit says BraketBot renews it (set on it, and read back by search).</summary>
public static class LimitTags
{
    public const string Renew = "braketbot:renew";

    public static IReadOnlyDictionary<string, string> For(LimitRenewal renewal) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [Renew] = Word(renewal) };

    public static string Word(LimitRenewal renewal) => renewal == LimitRenewal.Month ? "month" : "day";

    public static LimitRenewal? RenewalOf(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Renew, out var value)
            ? value switch
            {
                "day" => LimitRenewal.Day,
                "month" => LimitRenewal.Month,
                _ => null,
            }
            : null;
}
