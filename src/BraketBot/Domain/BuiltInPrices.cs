namespace BraketBot.Domain;

/// <summary>
/// The prices BraketBot uses until it has read the AWS price list (a first start without network, a
/// list that cannot be read), and the last prices of retired devices, which the list no longer
/// carries, so that past days are estimated at what they cost. Read from aws.amazon.com/braket/pricing
/// and the offer file on <see cref="Date"/>.
/// </summary>
public static class BuiltInPrices
{
    public const string Date = "2026-12-04";

    /// <summary>Every QPU's fee per task.</summary>
    public const decimal PerTask = 0.30m;

    public static readonly IReadOnlyList<BuiltInPrice> Devices =
    [
        new("us-east-1", "ionq", "Forte-1", 0.08m),
        new("us-east-1", "ionq", "Forte-Enterprise-1", 0.08m),
        new("eu-north-1", "iqm", "Garnet", 0.00145m),
        new("eu-north-1", "iqm", "Emerald", 0.0016m),
        new("eu-north-1", "aqt", "Ibex-Q1", 0.0235m),
        new("us-west-1", "rigetti", "Cepheus-1-108Q", 0.000425m),
        new("us-east-1", "quera", "Aquila", 0.01m),
        // Retired, at their last prices.
        new("us-east-1", "ionq", "Aria-1", 0.03m, Retired: true),
        new("us-east-1", "ionq", "Aria-2", 0.03m, Retired: true),
        new("us-east-1", "ionq", "Harmony", 0.01m, Retired: true),
        new("us-west-1", "rigetti", "Ankaa-2", 0.0009m, Retired: true),
        new("us-west-1", "rigetti", "Ankaa-3", 0.0009m, Retired: true),
        new("us-west-1", "rigetti", "Aspen-11", 0.00035m, Retired: true),
        new("us-west-1", "rigetti", "Aspen-M-1", 0.00035m, Retired: true),
        new("us-west-1", "rigetti", "Aspen-M-2", 0.00035m, Retired: true),
        new("us-west-1", "rigetti", "Aspen-M-3", 0.00035m, Retired: true),
        new("eu-west-2", "oqc", "Lucy", 0.00035m, Retired: true),
        new("us-west-2", "d-wave", "Advantage_system", 0.00019m, Retired: true),
        new("us-west-2", "d-wave", "2000Q", 0.00019m, Retired: true),
    ];

    /// <summary>
    /// A hybrid job's instance, USD per minute of one instance ("Braket Managed Jobs Instance" in us-east-1;
    /// until a list is read, every region is priced alike).
    /// </summary>
    private static readonly Dictionary<string, decimal> InstancesPerMinute = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ml.m5.large"] = 0.00128m,
        ["ml.m5.xlarge"] = 0.00256m,
        ["ml.c5.xlarge"] = 0.0034m,
        ["ml.p3.2xlarge"] = 0.06375m,
    };

    /// <summary>USD per minute of one instance of the type; null when the table does not know it.</summary>
    public static decimal? InstancePerMinute(string instanceType) =>
        InstancesPerMinute.TryGetValue(instanceType, out var price) ? price : null;

    /// <summary>Retired simulators (billed per minute, so not in the table above).</summary>
    private static readonly IReadOnlyList<string> RetiredSimulators = ["TN1"];

    public static BuiltInPrice? Of(DeviceSummary device) => Devices.FirstOrDefault(p => p.Prices(device));

    /// <summary>Retired by Braket: as the device list says, or, before it is read, as this table knows.</summary>
    public static bool IsRetired(DeviceSummary device) =>
        device.IsRetired || Of(device)?.Retired == true || (device.IsSimulator && RetiredSimulators.Any(device.Names));
}
