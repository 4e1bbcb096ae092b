using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace BraketBot.Domain;

/// <summary>A calendar day in Caps:TimeZone, the unit every cap, report and store key is about. Written yyyy-MM-dd.</summary>
[JsonConverter(typeof(DayJsonConverter))]
public readonly record struct Day(DateOnly Date) : IComparable<Day>
{
    public const string Pattern = "yyyy-MM-dd";

    /// <summary>The day the instant falls on in the zone.</summary>
    public static Day Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        new(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public static bool TryParse([NotNullWhen(true)] string? text, out Day day)
    {
        var parsed = DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        day = new Day(date);
        return parsed;
    }

    public static Day Parse(string text) =>
        TryParse(text, out var day) ? day : throw new FormatException($"'{text}' is not a day ({Pattern}).");

    public Day AddDays(int days) => new(Date.AddDays(days));

    public DayWindow Window(TimeZoneInfo zone) => DayWindow.For(this, zone);

    public int CompareTo(Day other) => Date.CompareTo(other.Date);

    public static bool operator <(Day a, Day b) => a.Date < b.Date;

    public static bool operator >(Day a, Day b) => a.Date > b.Date;

    public static bool operator <=(Day a, Day b) => a.Date <= b.Date;

    public static bool operator >=(Day a, Day b) => a.Date >= b.Date;

    public override string ToString() => Date.ToString(Pattern, CultureInfo.InvariantCulture);
}
