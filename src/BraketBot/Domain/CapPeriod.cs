namespace BraketBot.Domain;

/// <summary>What a cap is counted over: a day, or the calendar month of that day (in Caps:TimeZone).</summary>
public enum CapPeriod
{
    Day,
    Month,
}
