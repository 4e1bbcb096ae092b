namespace BraketBot.Domain;

public sealed record StatusTally(int Tasks, long Shots)
{
    public static readonly StatusTally None = new(0, 0);

    public StatusTally Add(StatusTally other) => new(Tasks + other.Tasks, Shots + other.Shots);
}
