namespace BraketBot.Commands;

/// <summary>A day as the user wrote it, resolved against today in Caps:TimeZone.</summary>
public abstract record DayQuery
{
    public sealed record Today : DayQuery;

    public sealed record Yesterday : DayQuery;

    public sealed record Given(Day Day) : DayQuery;

    public Day Resolve(Day today) =>
        this switch
        {
            Given given => given.Day,
            Yesterday => today.AddDays(-1),
            _ => today,
        };
}
