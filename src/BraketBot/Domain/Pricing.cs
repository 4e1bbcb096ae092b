
namespace BraketBot.Domain;

/// <summary>Estimated price of tasks: a per-task fee plus shots times the device's per-shot price.</summary>
public sealed class Pricing(PricingOptions options)
{
    public string PriceListDate => options.PriceListDate;

    /// <summary>
    /// The per-shot price of a device, by its name and then its provider; null for simulators
    /// (billed per minute, so no per-shot estimate) and for QPUs the price list does not know.
    /// </summary>
    public decimal? PerShot(DeviceSummary device)
    {
        if (device.IsSimulator) return null;
        if (options.PerShot.TryGetValue(device.DeviceName, out var byName)) return byName;
        return options.PerShot.TryGetValue(device.ProviderName, out var byProvider) ? byProvider : null;
    }

    public decimal PerTask => options.PerTask;

    /// <summary>Estimated cost of one task; null where the device has no per-shot price.</summary>
    public decimal? CostOf(QuantumTaskSummary task, DeviceSummary device) =>
        PerShot(device) is { } perShot ? PerTask + task.Shots * perShot : null;
}
