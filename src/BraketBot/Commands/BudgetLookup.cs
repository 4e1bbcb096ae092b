using BraketBot.Messages;

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
            : new Refusal(BudgetLookup.Unknown(query, caps.Budgets.Keys.Order(StringComparer.OrdinalIgnoreCase)));
    }

    public static string Unknown(string name, IEnumerable<string> budgets) =>
        $"There is no budget `{SlackMessage.Shorten(name.Replace("`", "'", StringComparison.Ordinal), 60)}`. "
        + (budgets.Any() ? $"Budgets: {string.Join(", ", budgets.Select(b => $"`{b}`"))}." : "No budgets are configured.");
}
