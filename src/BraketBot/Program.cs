using BraketBot.Braket;
using BraketBot.Commands;
using BraketBot.Enforcement;
using BraketBot.Hosting;
using BraketBot.Jobs;
using BraketBot.Queue;
using BraketBot.Slack;
using BraketBot.Slack.SocketMode;
using BraketBot.Storage;
using BraketBot.Telemetry;
using BraketBot.Usage;
using BraketBot.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogs();
builder.Services
    .AddHosting()
    .AddTelemetry(builder.Configuration)
    .AddStorage(builder.Configuration)
    .AddJobs(builder.Configuration)
    .AddBraket(builder.Configuration)
    .AddSlack(builder.Configuration)
    .AddSocketMode(builder.Configuration)
    .AddUsage(builder.Configuration)
    .AddEnforcement(builder.Configuration)
    .AddCommands(builder.Configuration)
    .AddWebhooks(builder.Configuration)
    .AddQueue(builder.Configuration);

var app = builder.Build();

app.MapHosting();
app.MapTelemetry();
app.MapSlack();
app.MapWebhooks();
app.MapJobsDashboard();

return await app.RunBotAsync();

/// <summary>Entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
