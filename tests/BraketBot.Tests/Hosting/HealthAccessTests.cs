using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BraketBot.Hosting;
using BraketBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BraketBot.Tests.Hosting;

/// <summary>Health for operators, not the world: everyone gets a status word, operators also get which check and why.</summary>
[Collection(HealthHosts.Name)]
public sealed class HealthAccessTests(HealthFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public async Task A_caller_from_elsewhere_gets_only_the_status_word()
    {
        fixture.FromElsewhere();

        var (notReady, notReadyBody) = await GetAsync(fixture.Unconfigured, "/readyz");
        var (ready, readyBody) = await GetAsync(Bot, "/readyz");
        var (alive, aliveBody) = await GetAsync(fixture.Unconfigured, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
        Assert.Equal("""{"status":"unready"}""", notReadyBody);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("""{"status":"ready"}""", readyBody);
        Assert.Equal(HttpStatusCode.OK, alive);
        Assert.Equal("""{"status":"alive"}""", aliveBody);
    }

    [Fact]
    public async Task The_details_token_shows_the_details_to_a_caller_from_elsewhere_and_a_wrong_one_does_not()
    {
        fixture.FromElsewhere();

        var (_, wrong) = await GetAsync(fixture.Unconfigured, "/readyz", "not-the-token");
        var (status, right) = await GetAsync(fixture.Unconfigured, "/readyz", HealthFixture.DetailsToken);

        Assert.Equal("""{"status":"unready"}""", wrong);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var report = JsonDocument.Parse(right).RootElement;
        Assert.Equal("unready", report.GetProperty("status").GetString());
        Assert.Contains("Slack:SigningSecret", report.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty(Readiness.ConfigurationCheck).GetProperty("status").GetString());
    }

    [Fact]
    public async Task This_machine_gets_the_details_unless_the_request_came_through_a_proxy()
    {
        using var client = fixture.Unconfigured.Client();

        var direct = await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync();
        var proxied = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        proxied.Headers.Add("X-Forwarded-For", RemoteCaller.Address.ToString());
        var throughProxy = await (await client.SendAsync(proxied)).Content.ReadAsStringAsync();

        Assert.Contains("\"missing\":[\"Slack:SigningSecret\"", direct);
        Assert.Equal("""{"status":"unready"}""", throughProxy);
    }

    [Theory]
    [InlineData(9464, true)]
    [InlineData(8080, false)]
    public void A_request_on_the_metrics_port_is_an_operators(int localPort, bool isOperator)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Metrics:Port"] = "9464" })
            .Build();
        var access = new OperatorAccess(configuration, Options.Create(new HealthOptions()));
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = RemoteCaller.Address;
        http.Connection.LocalPort = localPort;

        Assert.Equal(isOperator, access.IsOperator(http));
    }

    [Fact]
    public async Task Probes_of_an_unconfigured_process_log_no_failure_and_the_start_names_each_missing_setting_once()
    {
        // A process of its own: it reads what the start logged, and stops it.
        using var bot = await BotProcess.StartAsync(new Dictionary<string, string>());
        using var client = new HttpClient { BaseAddress = bot.Address };

        for (var probe = 0; probe < 3; probe++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        await bot.TerminateAsync(TimeSpan.FromSeconds(30));

        var log = bot.Output;
        Assert.DoesNotContain(log, line =>
            line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
        );
        Assert.Single(log, line => line.Contains("Setting Slack:SigningSecret is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_only_on_the_metrics_port_outside_Development()
    {
        // Processes of their own: outside Development (test hosts run in it), one with a metrics port chosen at start.
        var port = FreePort();
        using var plain = await BotProcess.StartAsync(new Dictionary<string, string>());
        using var withPort = await BotProcess.StartAsync(
            new Dictionary<string, string> { ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        );
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(plain.Address, "/openapi/v1.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(withPort.Address, "/openapi/v1.json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{port}/openapi/v1.json")).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(BotFactory bot, string path, string? token = null)
    {
        using var client = bot.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
