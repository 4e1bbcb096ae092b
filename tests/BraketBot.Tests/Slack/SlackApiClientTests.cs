using System.Net;
using BraketBot.Slack;
using BraketBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BraketBot.Tests.Slack;

public sealed class SlackApiClientTests : IDisposable
{
    private readonly WireMockServer slack = WireMockServer.Start();

    public void Dispose() => slack.Stop();

    private SlackApiClient Client(string? token = "xoxb-test") =>
        new(
            new HttpClient(),
            new FixedOptions<SlackOptions>(new SlackOptions { BotToken = token, ApiBaseUrl = new Uri(slack.Urls[0] + "/api/") }),
            TestMetrics.Create(),
            NullLogger<SlackApiClient>.Instance
        );

    [Fact]
    public async Task Posts_with_the_bot_token_and_returns_the_ts()
    {
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage"))
            .RespondWith(Response.Create().WithBody("{\"ok\":true,\"ts\":\"1649583147.000200\"}"));

        var result = await Client().PostMessageAsync("C1", SlackMessage.Plain("hello"), "1649583000.000100", null, CancellationToken.None);

        Assert.Equal(new SlackResult(true, "1649583147.000200"), result);
        var sent = slack.LogEntries.Single().RequestMessage!;
        Assert.Equal("Bearer xoxb-test", sent.Headers!["Authorization"].ToString());
        Assert.Contains("\"channel\":\"C1\"", sent.Body);
        Assert.Contains("\"thread_ts\":\"1649583000.000100\"", sent.Body);
        Assert.Contains("\"type\":\"mrkdwn\"", sent.Body);
    }

    [Fact]
    public async Task Returns_slacks_error_string_when_it_answers_ok_false()
    {
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
            .RespondWith(Response.Create().WithStatusCode(HttpStatusCode.OK).WithBody("{\"ok\":false,\"error\":\"not_in_channel\"}"));

        var result = await Client().UpdateMessageAsync("C1", "1.2", SlackMessage.Plain("x"), CancellationToken.None);

        Assert.Equal(SlackResult.Failed("not_in_channel"), result);
    }

    [Fact]
    public async Task Does_not_call_the_api_without_a_token()
    {
        var result = await Client(token: null).PostMessageAsync("C1", SlackMessage.Plain("x"), null, null, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("Slack:BotToken", result.Error);
        Assert.Empty(slack.LogEntries);
    }

    [Fact]
    public async Task Replies_through_a_response_url_without_the_token()
    {
        slack.Given(Request.Create().UsingPost().WithPath("/response/1")).RespondWith(Response.Create().WithBody("ok"));

        var result = await Client()
            .RespondAsync(
                new Uri(slack.Urls[0] + "/response/1"),
                SlackMessage.Plain("x"),
                Visibility.InChannel,
                replaceOriginal: true,
                CancellationToken.None
            );

        Assert.True(result.Ok);
        var sent = slack.LogEntries.Single().RequestMessage!;
        Assert.False(sent.Headers!.ContainsKey("Authorization"));
        Assert.Contains("\"response_type\":\"in_channel\"", sent.Body);
        Assert.Contains("\"replace_original\":true", sent.Body);
    }

    /// <summary>The client as the host builds it: the typed HttpClient with its resilience handler, waits shortened.</summary>
    private ISlackApi Registered(TimeSpan? attemptTimeout = null)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxb-test", ["Slack:ApiBaseUrl"] = slack.Urls[0] + "/api/" }
            )
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TestMetrics.Create());
        services.AddSlack(configuration);
        services.ConfigureAll<HttpStandardResilienceOptions>(o =>
        {
            o.Retry.Delay = TimeSpan.FromMilliseconds(5);
            o.Retry.UseJitter = false;
            if (attemptTimeout is { } timeout)
            {
                o.AttemptTimeout.Timeout = timeout;
                o.TotalRequestTimeout.Timeout = timeout * 4;
                o.CircuitBreaker.SamplingDuration = timeout * 8;
            }
        });
        return services.BuildServiceProvider().GetRequiredService<ISlackApi>();
    }

    [Fact]
    public async Task A_post_that_fails_with_a_5xx_is_not_sent_again_and_is_reported_as_unknown()
    {
        slack.Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage")).RespondWith(Response.Create().WithStatusCode(500));

        var result = await Registered()
            .PostMessageAsync("C1", SlackMessage.Plain("x"), null, new MessageTag("run-1", "CapAlert"), CancellationToken.None);

        Assert.Equal((false, true), (result.Ok, result.Unknown));
        Assert.Single(slack.LogEntries);
    }

    [Fact]
    public async Task An_update_that_fails_with_a_5xx_is_tried_again_and_a_429_is_waited_out_even_for_a_post()
    {
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
            .InScenario("update")
            .WillSetStateTo("failed once")
            .RespondWith(Response.Create().WithStatusCode(502));
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
            .InScenario("update")
            .WhenStateIs("failed once")
            .RespondWith(Response.Create().WithBody("{\"ok\":true,\"ts\":\"1\"}"));
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage"))
            .InScenario("post")
            .WillSetStateTo("throttled once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage"))
            .InScenario("post")
            .WhenStateIs("throttled once")
            .RespondWith(Response.Create().WithBody("{\"ok\":true,\"ts\":\"2\"}"));
        var client = Registered();

        var updated = await client.UpdateMessageAsync("C1", "1", SlackMessage.Plain("x"), CancellationToken.None);
        var posted = await client.PostMessageAsync("C1", SlackMessage.Plain("x"), null, null, CancellationToken.None);

        Assert.Equal((true, "2"), (updated.Ok && posted.Ok, posted.Ts));
        Assert.Equal(4, slack.LogEntries.Count());
    }

    [Fact]
    public async Task A_slack_that_never_answers_gives_no_answer_instead_of_an_exception()
    {
        slack
            .Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(5)).WithBody("{\"ok\":true}"));
        var client = Registered(attemptTimeout: TimeSpan.FromMilliseconds(200));

        var results = new List<SlackResult>();
        // Timeouts, then an open circuit.
        for (var i = 0; i < 6; i++)
            results.Add(await client.UpdateMessageAsync("C1", "1", SlackMessage.Plain("x"), CancellationToken.None));

        Assert.All(results, r => Assert.Equal((false, true), (r.Ok, r.Unknown)));
    }
}
