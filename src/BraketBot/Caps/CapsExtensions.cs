namespace BraketBot.Caps;

public static class CapsExtensions
{
    /// <summary>`/braket caps`: every cap and how much of it is used.</summary>
    public static IServiceCollection AddCaps(this IServiceCollection services)
    {
        services.AddTransient<CapsCommand>();
        return services;
    }
}
