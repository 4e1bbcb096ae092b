namespace BraketBot.Limits;

/// <summary>The limits last listed, shared by every (short-lived) <see cref="BraketSpendingLimits"/>.</summary>
public sealed class SpendingLimitsSnapshot
{
    private volatile LimitsListing? current;

    public LimitsListing? Current
    {
        get => current;
        set => current = value;
    }
}
