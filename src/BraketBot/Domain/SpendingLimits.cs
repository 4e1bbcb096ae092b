using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BraketBot.Domain;

/// <summary>How often BraketBot moves a Braket spending limit on to the current period.</summary>
public enum LimitRenewal { Day, Month }

/// <summary>
/// How BraketBot treats Braket's own spending limits: <c>Off</c> leaves them alone except those set
/// with /braket limits set; <c>Mirror</c> keeps a daily limit equal to each device's MaxCostPerDay.
/// </summary>
public enum NativeLimitsMode { Off, Mirror }

/// <summary>A spending limit's period, as Braket takes it: tasks are accepted from <see cref="Start"/> until <see cref="End"/>.</summary>
public sealed record LimitPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The day (or month) in <paramref name="zone"/> that <paramref name="now"/> falls in.</summary>
    public static LimitPeriod Current(LimitRenewal renewal, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = Day.Of(now, zone);
        var (first, last) = renewal == LimitRenewal.Month ? (Month.Of(today).First, Month.Of(today).Last) : (today, today);
        return new LimitPeriod(first.Window(zone).Start, last.Window(zone).End);
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Braket's timePeriod is whole epoch seconds; two periods are the same when those are.</summary>
    public bool SameAs(LimitPeriod other) =>
        Start.ToUnixTimeSeconds() == other.Start.ToUnixTimeSeconds() && End.ToUnixTimeSeconds() == other.End.ToUnixTimeSeconds();
}

/// <summary>One of Braket's per-device spending limits, as SearchSpendingLimits lists it.</summary>
public sealed record SpendingLimit(
    string SpendingLimitArn, string DeviceArn, decimal Limit, decimal QueuedSpend, decimal TotalSpend, LimitPeriod Period,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Whether BraketBot renews this limit, and how often: its tag says.</summary>
    public LimitRenewal? Renewal => LimitTags.RenewalOf(Tags);

    /// <summary>Braket refuses a task whose cost is over what is left; with nothing left it refuses every task.</summary>
    public decimal Left => Math.Max(0, Limit - QueuedSpend - TotalSpend);

    public string Region => Arns.RegionOf(SpendingLimitArn);
}

/// <summary>A Braket limit used up when an alert was planned: Braket itself refuses the device's new tasks.</summary>
public sealed record ReachedLimit(string DeviceName, decimal Limit, LimitRenewal? Renewal);

/// <summary>The tags by which a spending limit says BraketBot renews it (set on it, and read back by search).</summary>
public static class LimitTags
{
    public const string Renew = "braketbot:renew";

    public static IReadOnlyDictionary<string, string> For(LimitRenewal renewal) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [Renew] = Word(renewal) };

    public static string Word(LimitRenewal renewal) => renewal == LimitRenewal.Month ? "month" : "day";

    public static LimitRenewal? RenewalOf(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Renew, out var value) ? value switch
        {
            "day" => LimitRenewal.Day,
            "month" => LimitRenewal.Month,
            _ => null,
        } : null;
}

/// <summary>A USD amount as people write it for a limit: <c>20</c>, <c>20.50</c> or <c>$20</c>, then <c>/day</c> or <c>/month</c>.</summary>
public sealed record LimitAmount(decimal Usd, LimitRenewal Renewal)
{
    /// <summary>Far above any real day or month of QPU time: a typo guard, not a policy.</summary>
    public const decimal Max = 1_000_000m;

    public const string Form = "`20`, `20.50`, `20/day` or `500/month` (US dollars, at most two decimals)";

    public static bool TryParse(string text, [NotNullWhen(true)] out LimitAmount? amount, out string? problem)
    {
        amount = null;
        var parts = text.Split('/');
        var renewal = parts.Length == 1 ? LimitRenewal.Day : parts[1].ToLowerInvariant() switch
        {
            "day" or "d" or "daily" => LimitRenewal.Day,
            "month" or "m" or "monthly" => LimitRenewal.Month,
            _ => (LimitRenewal?)null,
        };
        var number = parts[0].TrimStart('$');
        if (parts.Length > 2 || renewal is null || !IsPlainDecimal(number)
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd))
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
        return whole.Length is > 0 and <= 10 && whole.All(char.IsAsciiDigit)
            && (point < 0 || (fraction.Length is 1 or 2 && fraction.All(char.IsAsciiDigit)));
    }
}

/// <summary>What to change so that the limits stand as BraketBot keeps them.</summary>
public abstract record LimitChange(string DeviceArn)
{
    /// <summary>No limit on the device yet (a mirrored cap): create one.</summary>
    public sealed record Create(string DeviceArn, decimal Usd, LimitPeriod Period, LimitRenewal Renewal) : LimitChange(DeviceArn);

    /// <summary>
    /// Move an existing limit to <paramref name="Period"/> at <paramref name="Usd"/>; <paramref name="TakeOver"/>: it lacks
    /// BraketBot's tag for <paramref name="Renewal"/> (somebody else's limit, or one renewed on another rhythm) and is tagged first.
    /// </summary>
    public sealed record Update(SpendingLimit Limit, decimal Usd, LimitPeriod Period, LimitRenewal Renewal, bool TakeOver)
        : LimitChange(Limit.DeviceArn);
}

/// <summary>
/// The rules of renewal and mirroring, as a pure function of the limits Braket lists, the caps to
/// mirror and the time: every limit BraketBot renews covers the current period, and under Mirror
/// every capped device has exactly one daily limit at its MaxCostPerDay.
/// </summary>
public static class LimitPlanner
{
    /// <param name="mirrored">Device ARN → MaxCostPerDay, for the devices Mirror keeps (empty when Mirror is off).</param>
    public static IReadOnlyList<LimitChange> Plan(
        IReadOnlyList<SpendingLimit> limits, IReadOnlyDictionary<string, decimal> mirrored, DateTimeOffset now, TimeZoneInfo zone)
    {
        var changes = new List<LimitChange>();
        var today = LimitPeriod.Current(LimitRenewal.Day, now, zone);
        foreach (var (deviceArn, usd) in mirrored)
        {
            var existing = limits.FirstOrDefault(l => l.DeviceArn == deviceArn);
            if (existing is null)
                changes.Add(new LimitChange.Create(deviceArn, usd, today, LimitRenewal.Day));
            else if (existing.Limit != usd || !existing.Period.SameAs(today) || existing.Renewal != LimitRenewal.Day)
                changes.Add(new LimitChange.Update(existing, usd, today, LimitRenewal.Day, TakeOver: existing.Renewal != LimitRenewal.Day));
        }
        foreach (var limit in limits.Where(l => !mirrored.ContainsKey(l.DeviceArn)))
        {
            if (limit.Renewal is not { } renewal) continue;
            var current = LimitPeriod.Current(renewal, now, zone);
            if (!limit.Period.SameAs(current))
                changes.Add(new LimitChange.Update(limit, limit.Limit, current, renewal, TakeOver: false));
        }
        return changes;
    }

    /// <summary>
    /// The limits, among those in force now, that a device's usage has used up (not even one more task
    /// fits): Braket's own count says so, or, for a daily limit (whose period is the day), the day's
    /// estimated cost does.
    /// </summary>
    /// <param name="perTask">The price of a task before its shots: with less than that left, Braket refuses every task.</param>
    public static IReadOnlyList<ReachedLimit> Reached(IEnumerable<SpendingLimit> limits, IEnumerable<DeviceUsage> devices, DateTimeOffset now, decimal perTask) =>
        devices.SelectMany(d => limits
                .Where(l => l.DeviceArn == d.Device.DeviceArn && l.Period.Contains(now))
                .Where(l => l.Left < Math.Max(perTask, 0.01m) || (l.Renewal == LimitRenewal.Day && d.EstimatedCost + perTask > l.Limit))
                .Select(l => new ReachedLimit(d.Device.DeviceName, l.Limit, l.Renewal)))
            .ToList();

    /// <summary>When the next renewal falls due: the earliest end of a period BraketBot renews; null when it renews nothing.</summary>
    public static DateTimeOffset? NextDue(IEnumerable<SpendingLimit> limits, bool mirroring, DateTimeOffset now, TimeZoneInfo zone)
    {
        var ends = limits.Where(l => l.Renewal is not null).Select(l => LimitPeriod.Current(l.Renewal!.Value, now, zone).End).ToList();
        if (mirroring) ends.Add(LimitPeriod.Current(LimitRenewal.Day, now, zone).End);
        return ends.Count == 0 ? null : ends.Min();
    }
}
