namespace BraketBot.Hosting;

public static class LinkStatusRegistration
{
    /// <summary>Registers the link's status as a singleton and as a readiness check named <paramref name="name"/>.</summary>
    public static IServiceCollection AddLinkStatus<TOwner>(this IServiceCollection services, string name)
    {
        var status = new LinkStatus<TOwner>();
        services.AddSingleton(status);
        services.AddHealthChecks().AddCheck(name, status, tags: [Readiness.Tag]);
        return services;
    }
}
