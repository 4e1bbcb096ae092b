using BraketBot.Hosting;

namespace BraketBot.Slack.SocketMode;

public static class SocketModeExtensions
{
    public const string ReadinessCheck = "slack-socket-mode";

    /// <summary>Slack over Socket Mode when Slack:AppToken is set: only an outbound connection, no public URL.</summary>
    public static IServiceCollection AddSocketMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SocketModeOptions, SocketModeOptionsValidator>(configuration, SocketModeOptions.Section);
        services.AddHttpClient<SocketModeConnector>().AddStandardResilienceHandler();
        services.AddTransient<EnvelopeHandler>();
        services.AddLinkStatus<SocketModeClient>(ReadinessCheck);
        services.AddHostedService<SocketModeClient>();
        return services;
    }
}
