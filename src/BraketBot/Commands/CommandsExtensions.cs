using BraketBot.Slack;

namespace BraketBot.Commands;

public static class CommandsExtensions
{
    public static IServiceCollection AddCommands(this IServiceCollection services)
    {
        services.AddTransient<DayReports>();
        services.AddTransient<ISlashCommandHandler, InfoCommand>();
        services.AddTransient<ISlashCommandHandler, CancelCommand>();
        services.AddTransient<ISlashCommandHandler, CapsCommand>();
        services.AddTransient<ISlashCommandHandler, LimitsCommand>();
        services.AddTransient<ISlashCommandHandler, HelpCommand>();
        services.AddTransient<IBlockActionHandler, CancelAllQueuedAction>();
        services.AddTransient<IBlockActionHandler, RefreshReportAction>();
        services.AddTransient<SlashCommandRunner>();
        services.AddTransient<InteractionRunner>();
        services.AddSingleton<CommandQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandQueue>());
        return services;
    }

    public static IEndpointRouteBuilder MapCommands(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack")
            .AddEndpointFilter<SlackSignatureFilter>()
            .DisableAntiforgery()
            .WithTags("Slack");
        slack.MapPost("/commands", CommandEndpoints.SlashCommandAsync)
            .WithSummary("Slack slash command /braket (form-encoded), verified by Slack's v0 signature.");
        slack.MapPost("/interactions", CommandEndpoints.InteractionAsync)
            .WithSummary("Slack interactivity: block_actions button clicks (form field payload), verified by Slack's v0 signature.");
        return app;
    }
}
