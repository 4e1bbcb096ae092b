namespace BraketBot.Limits;

public sealed record LimitClearedReport(DeviceSummary Device, SpendingLimit Limit, TimeZoneInfo Zone);
