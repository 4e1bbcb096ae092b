namespace BraketBot.Cancel;

public static class CancelExtensions
{
    /// <summary>`/braket cancel ARN`, the "Cancel all queued" button and "Cancel the rest".</summary>
    public static IServiceCollection AddCancel(this IServiceCollection services)
    {
        services.AddTransient<CancelCommand>();
        services.AddTransient<QueuedCancellation>();
        services.AddTransient<CancelAllQueuedAction>();
        services.AddTransient<CancelRestAction>();
        return services;
    }
}
