using System.Globalization;

namespace BraketBot.Prices;

/// <summary>How old the prices in force are, for people: since the list was read, or since the built-in table's date.</summary>
public static class PriceAge
{
    public static string Of(Pricing book, DateTimeOffset now)
    {
        var since = book.List?.ReadAt
            ?? DateTimeOffset.Parse(BuiltInPrices.Date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var days = (int)Math.Floor((now - since).TotalDays);
        var age = days switch
        {
            <= 0 => "less than a day",
            1 => "1 day",
            _ => $"{days} days",
        };
        return book.List is null ? $"{age} old" : $"read {age} ago";
    }
}
