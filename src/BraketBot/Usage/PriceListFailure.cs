namespace BraketBot.Usage;

/// <summary>The AWS price list could not be read or parsed, since <see cref="Since"/>; <see cref="Problem"/> says why, for
/// people.</summary>
public sealed record PriceListFailure(DateTimeOffset Since, string Problem);
