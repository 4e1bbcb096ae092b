using BraketBot.Hosting;

namespace BraketBot.Commands;

public static class CommandsExtensions
{
    public static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AccessOptions, AccessOptionsValidator>(configuration, AccessOptions.Section);
        services.AddHostedService<AdminsWarning>();
        return services;
    }
}
