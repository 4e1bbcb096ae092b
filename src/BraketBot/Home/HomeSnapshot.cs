using BraketBot.Limits;

namespace BraketBot.Home;

/// <summary>Everything a Home tab shows, read from the ledger and the store at one moment (no Braket call).</summary>
/// <param name="LedgerHoldsToday">Whether a scan vouches for today; if not, today's figures are what events told.</param>
public sealed record HomeSnapshot(
    CapsOptions Caps,
    DayWindow Today,
    DayUsage Usage,
    MonthUsage Month,
    IReadOnlyList<CapStanding> Standings,
    bool LedgerHoldsToday,
    IReadOnlyList<HomeRun> Runs,
    IReadOnlyList<DeviceLimit> Limits,
    string Prices,
    DateTimeOffset DrawnAt
)
{
    /// <summary>The teams' budgets with caps, each with its own usage and standings.</summary>
    public IReadOnlyList<BudgetLine> Budgets { get; init; } = [];

    /// <summary>Hybrid jobs the ledger's tasks name that Braket has not described yet: their instances' cost is left out.</summary>
    public int UndescribedJobs { get; init; }
}
