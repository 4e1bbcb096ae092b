namespace BraketBot.Domain;

/// <summary>
/// Instance-minute prices of hybrid jobs, as the AWS price list gave them (us-east-1, where Braket's
/// price list has them; other regions are priced alike until the price list is read).
/// </summary>
public sealed class BuiltInInstancePrices : IInstancePrices
{
    private static readonly Dictionary<string, decimal> PerMinuteByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ml.m5.large"] = 0.00128m,
        ["ml.m5.xlarge"] = 0.00256m,
        ["ml.c5.xlarge"] = 0.0034m,
        ["ml.p3.2xlarge"] = 0.06375m,
    };

    public decimal? PerMinute(string region, string instanceType) =>
        PerMinuteByType.TryGetValue(instanceType, out var price) ? price : null;
}
