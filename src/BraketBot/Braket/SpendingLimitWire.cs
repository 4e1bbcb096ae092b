using System.Globalization;

namespace BraketBot.Braket;

internal sealed record SpendingLimitWire(
    string SpendingLimitArn,
    string DeviceArn,
    TimePeriodWire TimePeriod,
    string SpendingLimit,
    string QueuedSpend,
    string TotalSpend,
    IReadOnlyDictionary<string, string>? Tags
)
{
    public SpendingLimit ToLimit() =>
        new(
            SpendingLimitArn,
            DeviceArn,
            Money(SpendingLimit),
            Money(QueuedSpend),
            Money(TotalSpend),
            TimePeriod.ToPeriod(),
            Tags ?? new Dictionary<string, string>()
        );

    private static decimal Money(string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
