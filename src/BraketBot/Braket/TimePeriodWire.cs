namespace BraketBot.Braket;

internal sealed record TimePeriodWire(double StartAt, double EndAt)
{
    public static TimePeriodWire From(LimitPeriod period) => new(period.Start.ToUnixTimeSeconds(), period.End.ToUnixTimeSeconds());

    public LimitPeriod ToPeriod() => new(Instant(StartAt), Instant(EndAt));

    private static DateTimeOffset Instant(double epochSeconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(epochSeconds * 1000));
}
