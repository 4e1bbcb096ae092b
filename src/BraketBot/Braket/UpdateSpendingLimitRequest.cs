namespace BraketBot.Braket;

internal sealed record UpdateSpendingLimitRequest(string ClientToken, string SpendingLimit, TimePeriodWire TimePeriod);
