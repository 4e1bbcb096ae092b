using BraketBot.Braket;
using BraketBot.Usage;

namespace BraketBot.Caps;

/// <summary>Everything an alert tells: the caps crossed, what was (or would have been) cancelled, and why it ran.</summary>
public sealed record CapAlert(
    DayWindow Window,
    CapsOptions Caps,
    IReadOnlyList<CapStanding> Crossed,
    IReadOnlyList<CancelOutcome> Outcomes,
    IReadOnlyList<QuantumTaskSummary> Cancellable,
    string Trigger,
    Func<string, DeviceSummary> Describe,
    Pricing Pricing)
{
    public IReadOnlyList<CancelOutcome> Cancelled => Outcomes.Where(o => o.Result == CancelResult.Cancelled).ToList();

    public IReadOnlyList<CancelOutcome> NotCancelled => Outcomes.Where(o => o.Result != CancelResult.Cancelled).ToList();

    public decimal CostOf(IEnumerable<QuantumTaskSummary> tasks) => Pricing.CostOf(tasks, Describe);
}
