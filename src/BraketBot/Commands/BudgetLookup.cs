using BraketBot.Reports;

namespace BraketBot.Commands;

/// <summary>A budget named in a command (info budget, chart budget), in any case; an unknown name is refused with the configured
/// names.</summary>
public static class BudgetLookup
{
    public static CommandResult<BudgetScope> Find(CapsOptions caps, string query)
    {
        var name = caps.Budgets.Keys.FirstOrDefault(k => string.Equals(k, query, StringComparison.OrdinalIgnoreCase));
        return name is not null && BudgetScope.Of(name, caps.Budgets[name]) is { } budget
            ? budget
            : new Refusal(BudgetDayView.Unknown(query, caps.Budgets.Keys.Order(StringComparer.OrdinalIgnoreCase)));
    }
}
