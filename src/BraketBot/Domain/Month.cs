using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace BraketBot.Domain;

/// <summary>A calendar month in Caps:TimeZone, the period of the monthly caps and of /braket info month. Written yyyy-MM.</summary>
public readonly record struct Month(int Year, int Number) : IComparable<Month>
{
    public const string Pattern = "yyyy-MM";

    public static Month Of(Day day) => new(day.Date.Year, day.Date.Month);

    public static bool TryParse([NotNullWhen(true)] string? text, out Month month)
    {
        var parsed = DateOnly.TryParseExact(text, [Pattern, "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        month = new Month(date.Year, date.Month);
        return parsed;
    }

    public Day First => new(new DateOnly(Year, Number, 1));

    public Day Last => new(new DateOnly(Year, Number, Length));

    public int Length => DateTime.DaysInMonth(Year, Number);

    public IEnumerable<Day> Days => Enumerable.Range(0, Length).Select(First.AddDays);

    public int CompareTo(Month other) => (Year, Number).CompareTo((other.Year, other.Number));

    public static bool operator <(Month a, Month b) => a.CompareTo(b) < 0;

    public static bool operator >(Month a, Month b) => a.CompareTo(b) > 0;

    public static bool operator <=(Month a, Month b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Month a, Month b) => a.CompareTo(b) >= 0;

    public override string ToString() => First.Date.ToString(Pattern, CultureInfo.InvariantCulture);
}
