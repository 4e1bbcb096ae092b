using System.Net;
using System.Text;
using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Hosting;

[Collection(CommandsHost.Name)]
public sealed class HostTests(AppFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public async Task Starts_without_configuration_and_says_what_is_missing()
    {
        // Owns its host: it checks a start without configuration.
        using var host = new OwnHost(configured: false);
        var client = host.Client;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var missing = JsonDocument
            .Parse(await ready.Content.ReadAsStringAsync())
            .RootElement.GetProperty("missing")
            .EnumerateArray()
            .Select(e => e.GetString())
            .ToList();
        Assert.Equal(["Slack:SigningSecret", "Slack:BotToken", "Slack:AlertChannel", "EventBridge:ApiKey"], missing);

        var body = SlackRequests.CommandBody("help", host.Slack.ResponseUrl("r"));
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await client.SendAsync(SlackRequests.Signed("/slack/commands", body, host.Bot.Clock.GetUtcNow()))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await client.SendAsync(SlackRequests.Signed("/slack/interactions", "payload=%7B%7D", host.Bot.Clock.GetUtcNow()))).StatusCode
        );
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/webhooks/eventbridge")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        webhook.Headers.Add("x-api-key", "anything");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(webhook)).StatusCode);
        Assert.Empty(host.Slack.Received);
    }

    [Fact]
    public async Task Is_ready_with_full_configuration()
    {
        var client = Client;

        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("missing").EnumerateArray());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route_with_a_summary()
    {
        var client = Client;

        var paths = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        foreach (
            var (path, method) in new[]
            {
                ("/slack/commands", "post"),
                ("/slack/interactions", "post"),
                ("/webhooks/eventbridge", "post"),
                ("/healthz", "get"),
                ("/readyz", "get"),
            }
        )
            Assert.False(string.IsNullOrWhiteSpace(paths.GetProperty(path).GetProperty(method).GetProperty("summary").GetString()), path);
    }

    [Theory]
    [InlineData("Caps:MaxShotsPerDay", "-5", "Caps:MaxShotsPerDay must not be negative")]
    [InlineData("Caps:TimeZone", "Mars/Olympus_Mons", "Caps:TimeZone 'Mars/Olympus_Mons' is not a known IANA time zone")]
    [InlineData("Caps:ReconcileCron", "99 * * * *", "Caps:ReconcileCron '99 * * * *' is not a valid cron expression")]
    [InlineData("Storage:Provider", "Mongo", "'Storage:Provider'")]
    [InlineData("Storage:Provider", "PostgreSql", "ConnectionStrings:Postgres is not set")]
    [InlineData("Slack:AppToken", "xoxb-not-an-app-token", "Slack:AppToken must be an app-level token (xapp-")]
    [InlineData("EventBridge:QueueUrl", "braketbot-events", "EventBridge:QueueUrl 'braketbot-events' must be an absolute URL")]
    [InlineData("Budgets:alpha:MaxShotsPerDay", "100", "Budgets:alpha:Tag must be key=value, the task tag of the team's tasks")]
    public async Task Bad_configuration_stops_the_process_with_one_line_naming_the_key(string key, string value, string expected)
    {
        var exit = await BotProcess.RunAsync(new Dictionary<string, string> { [key] = value });

        Assert.Equal(1, exit.Code);
        var line = Assert.Single(exit.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BraketBot cannot start: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", exit.Output + exit.Error);
    }

    [Fact]
    public async Task Hangfire_dashboard_is_not_mapped_without_credentials()
    {
        var client = Client;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/hangfire")).StatusCode);
    }
}
