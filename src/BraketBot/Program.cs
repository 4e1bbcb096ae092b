using BraketBot.Braket;
using BraketBot.Caps;
using BraketBot.Commands;
using BraketBot.Hosting;
using BraketBot.Jobs;
using BraketBot.Slack;
using BraketBot.Storage;
using BraketBot.Usage;
using BraketBot.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddLogs();
builder.Services
    .AddHosting()
    .AddSlack(builder.Configuration)
    .AddBraket(builder.Configuration)
    .AddUsage(builder.Configuration)
    .AddCaps(builder.Configuration)
    .AddCommands()
    .AddWebhooks(builder.Configuration)
    .AddStorage(builder.Configuration)
    .AddJobs(builder.Configuration);

var app = builder.Build();

app.MapHosting();
app.MapCommands();
app.MapWebhooks();
app.MapJobsDashboard();

return await app.RunBotAsync();

/// <summary>Entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
