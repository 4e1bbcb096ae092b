namespace BraketBot.Domain;

/// <summary>What to change so that the limits stand as BraketBot keeps them.</summary>
public abstract record LimitChange(string DeviceArn)
{
    /// <summary>No limit on the device yet (a mirrored cap): create one.</summary>
    public sealed record Create(string DeviceArn, decimal Usd, LimitPeriod Period, LimitRenewal Renewal) : LimitChange(DeviceArn);

    /// <summary>
    /// Move an existing limit to <paramref name="Period"/> at <paramref name="Usd"/>; <paramref name="TakeOver"/>: it lacks
    /// BraketBot's tag for <paramref name="Renewal"/> (somebody else's limit, or one renewed on another rhythm) and is tagged first.
    /// </summary>
    public sealed record Update(SpendingLimit Limit, decimal Usd, LimitPeriod Period, LimitRenewal Renewal, bool TakeOver)
        : LimitChange(Limit.DeviceArn);
}
