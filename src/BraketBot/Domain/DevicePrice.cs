namespace BraketBot.Domain;

/// <summary>What a QPU task costs: a fee per task plus a price per shot, and where the per-shot price came from.</summary>
public sealed record DevicePrice(decimal PerTask, decimal PerShot, PriceOrigin Origin)
{
    public decimal CostOf(long shots) => PerTask + shots * PerShot;

    public bool IsEstimate => Origin == PriceOrigin.HighestQpuPrice;
}
