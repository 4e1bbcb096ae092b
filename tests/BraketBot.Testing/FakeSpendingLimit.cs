using BraketBot.Domain;

namespace BraketBot.Testing;

/// <summary>A spending limit as the fake keeps it: Braket's fields, with the period in epoch seconds.</summary>
public sealed record FakeSpendingLimit(
    string Arn,
    string DeviceArn,
    string Limit,
    long StartAt,
    long EndAt,
    string QueuedSpend,
    string TotalSpend,
    IReadOnlyDictionary<string, string> Tags
)
{
    public string Region => Arns.RegionOf(Arn);
}
