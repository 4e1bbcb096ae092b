using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BraketBot.Domain;

/// <summary>A USD amount as people write it for a limit: <c>20</c>, <c>20.50</c> or <c>$20</c>, then <c>/day</c> or
/// <c>/month</c>.</summary>
public sealed record LimitAmount(decimal Usd, LimitRenewal Renewal)
{
    /// <summary>Far above any real day or month of QPU time: a typo guard, not a policy.</summary>
    public const decimal Max = 1_000_000m;

    public const string Form = "`20`, `20.50`, `20/day` or `500/month` (US dollars, at most two decimals)";

    public static bool TryParse(string text, [NotNullWhen(true)] out LimitAmount? amount, out string? problem)
    {
        amount = null;
        var parts = text.Split('/');
        var renewal =
            parts.Length == 1
                ? LimitRenewal.Day
                : parts[1].ToLowerInvariant() switch
                {
                    "day" or "d" or "daily" => LimitRenewal.Day,
                    "month" or "m" or "monthly" => LimitRenewal.Month,
                    _ => (LimitRenewal?)null,
                };
        var number = parts[0].TrimStart('$');
        if (
            parts.Length > 2
            || renewal is null
            || !IsPlainDecimal(number)
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd)
        )
        {
            problem = $"is not an amount. Use {Form}.";
            return false;
        }
        if (usd <= 0 || usd > Max)
        {
            problem = $"is out of range: a limit is more than $0 and at most {Max.ToString("$#,0", CultureInfo.InvariantCulture)}.";
            return false;
        }
        problem = null;
        amount = new LimitAmount(usd, renewal.Value);
        return true;
    }

    /// <summary>Braket's pattern for an amount: <c>\d+(\.\d{1,2})?</c>.</summary>
    public static string Wire(decimal usd) => usd.ToString("0.00", CultureInfo.InvariantCulture);

    private static bool IsPlainDecimal(string text)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        return whole.Length is > 0 and <= 10
            && whole.All(char.IsAsciiDigit)
            && (point < 0 || (fraction.Length is 1 or 2 && fraction.All(char.IsAsciiDigit)));
    }
}
