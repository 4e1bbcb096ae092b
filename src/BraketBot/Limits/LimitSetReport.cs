namespace BraketBot.Limits;

/// <summary>A limit set with /braket limits set: what Braket now enforces, and until when.</summary>
public sealed record LimitSetReport(DeviceSummary Device, LimitAmount Amount, LimitPeriod Period, TimeZoneInfo Zone, bool Created);
