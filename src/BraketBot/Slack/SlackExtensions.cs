using BraketBot.Hosting;

namespace BraketBot.Slack;

public static class SlackExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SlackOptions, SlackOptionsValidator>(configuration, SlackOptions.Section);
        services.AddRequiredSetting<SlackOptions>("Slack:SigningSecret", "every Slack request is refused (401)", o => o.SigningSecret);
        services.AddRequiredSetting<SlackOptions>("Slack:BotToken", "alerts are logged, not posted", o => o.BotToken);
        services.AddRequiredSetting<SlackOptions>("Slack:AlertChannel", "alerts are logged, not posted", o => o.AlertChannel);
        services.AddScoped<SlackSignatureFilter>();
        services.AddHostedService<AdminsWarning>();
        services.AddHttpClient<ISlackApi, SlackApiClient>().AddStandardResilienceHandler();
        return services;
    }
}
