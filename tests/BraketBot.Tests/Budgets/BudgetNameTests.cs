using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BraketBot.Tests.Budgets;

/// <summary>A budget configured in several spellings is one budget, named as it was first configured.</summary>
public sealed class BudgetNameTests
{
    [Fact]
    public void A_budget_spelt_again_by_a_later_provider_keeps_its_first_spelling()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Budgets:Alpha:Tag"] = "team=alpha" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Budgets:ALPHA:MaxShotsPerDay"] = "500" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddEnforcement(configuration).BuildServiceProvider();

        var budget = Assert.Single(services.GetRequiredService<IOptions<CapsOptions>>().Value.Budgets);

        Assert.Equal("Alpha", budget.Key);
        Assert.Equal(("team=alpha", 500L), (budget.Value.Tag, budget.Value.MaxShotsPerDay));
    }
}
