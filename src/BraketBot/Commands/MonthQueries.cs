namespace BraketBot.Commands;

/// <summary>A month named in a command (info month, chart month) that is refused.</summary>
public static class MonthQueries
{
    public static string NotBegun(Month month, string timeZone) => $"{month} has not begun yet ({timeZone}).";
}
