namespace BraketBot.Domain;

public sealed record DeviceCaps
{
    public long? MaxShotsPerDay { get; init; }
    public decimal? MaxCostPerDay { get; init; }
    public long? MaxShotsPerMonth { get; init; }
    public decimal? MaxCostPerMonth { get; init; }

    public bool AnyCap => MaxShotsPerDay is not null || MaxCostPerDay is not null || HasMonthCap;

    public bool HasMonthCap => MaxShotsPerMonth is not null || MaxCostPerMonth is not null;
}
