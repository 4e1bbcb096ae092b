using System.Net;
using System.Text;
using BraketBot.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Slack;

public sealed class SlackApiClientTests : IDisposable
{
    private readonly WireMockServer slack = WireMockServer.Start();

    public void Dispose() => slack.Stop();

    private SlackApiClient Client(string? token = "xoxb-test") => new(
        new HttpClient(),
        new FixedOptions<SlackOptions>(new SlackOptions { BotToken = token, ApiBaseUrl = new Uri(slack.Urls[0] + "/api/") }),
        NullLogger<SlackApiClient>.Instance);

    [Fact]
    public async Task Posts_with_the_bot_token_and_returns_the_ts()
    {
        slack.Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage"))
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
        slack.Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
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

        var result = await Client().RespondAsync(new Uri(slack.Urls[0] + "/response/1"), SlackMessage.Plain("x"), Visibility.InChannel, replaceOriginal: true, CancellationToken.None);

        Assert.True(result.Ok);
        var sent = slack.LogEntries.Single().RequestMessage!;
        Assert.False(sent.Headers!.ContainsKey("Authorization"));
        Assert.Contains("\"response_type\":\"in_channel\"", sent.Body);
        Assert.Contains("\"replace_original\":true", sent.Body);
    }

}
