namespace BraketBot.Domain;

/// <summary>The price of a hybrid job's instance minute ("Braket Managed Jobs Instance"), by region and instance type.</summary>
public interface IInstancePrices
{
    /// <summary>USD per minute of one instance; null when the type is not priced.</summary>
    decimal? PerMinute(string region, string instanceType);
}
