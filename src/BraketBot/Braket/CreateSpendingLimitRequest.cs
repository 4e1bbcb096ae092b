namespace BraketBot.Braket;

internal sealed record CreateSpendingLimitRequest(
    string ClientToken,
    string DeviceArn,
    string SpendingLimit,
    TimePeriodWire TimePeriod,
    IReadOnlyDictionary<string, string> Tags
);
