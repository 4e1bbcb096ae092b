using BraketBot.Braket;
using BraketBot.Budgets;
using BraketBot.Cancel;
using BraketBot.Caps;
using BraketBot.Charts;
using BraketBot.Cli;
using BraketBot.Commands;
using BraketBot.Digest;
using BraketBot.Enforcement;
using BraketBot.Home;
using BraketBot.Hosting;
using BraketBot.Info;
using BraketBot.Interactions;
using BraketBot.Jobs;
using BraketBot.Limits;
using BraketBot.Prices;
using BraketBot.Queue;
using BraketBot.Slack;
using BraketBot.Slack.SocketMode;
using BraketBot.Storage;
using BraketBot.Telemetry;
using BraketBot.Usage;
using BraketBot.Webhooks;

var builder = WebApplication.CreateBuilder(args);

// A command in the terminal never meets a breach: only the server prepares for one.
if (!CliApp.IsVerb(args))
    builder.PrepareHotPath();
builder.AddLogs();
AddFeatures(builder.Services, builder.Configuration);

// `BraketBot doctor`, `BraketBot info …`: the same host as a command, never started as a server.
if (CliApp.IsVerb(args))
    return await CliApp.RunAsync(builder, args);

var app = builder.Build();

app.MapHosting();
app.MapTelemetry();
app.MapSlack();
app.MapWebhooks();
app.MapJobsDashboard();

return await app.RunBotAsync();

/// <summary>Entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program
{
    /// <summary>Every feature of the bot, the same for the server and for the terminal's commands.</summary>
    public static IServiceCollection AddFeatures(IServiceCollection services, IConfiguration configuration) =>
        services
            .AddHosting(configuration)
            .AddTelemetry(configuration)
            .AddStorage(configuration)
            .AddJobs(configuration)
            .AddBraket(configuration)
            .AddSlack(configuration)
            .AddCharts(configuration)
            .AddSocketMode(configuration)
            .AddUsage(configuration)
            .AddPrices()
            .AddEnforcement(configuration)
            .AddLimits()
            .AddCommands(configuration)
            .AddInteractions()
            .AddInfo()
            .AddCancel()
            .AddCaps()
            .AddBudgets()
            .AddDigest()
            .AddHome()
            .AddWebhooks(configuration)
            .AddQueue(configuration);
}
