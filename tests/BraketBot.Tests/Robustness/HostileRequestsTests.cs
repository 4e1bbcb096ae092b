using System.Net;
using System.Text;
using BraketBot.Slack;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Robustness;

/// <summary>Floods of bad requests through the real host: none accepted, none a 5xx, and the host still serves.</summary>
[Collection(CommandsHost.Name)]
public sealed class HostileRequestsTests(AppFixture fixture) : IntegrationTests(fixture)
{
    protected override void Arrange()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "100";
    }

    /// <summary>A thousand requests that a valid one was turned into, one change each.</summary>
    private IEnumerable<HttpRequestMessage> MutatedSlackRequests(int count)
    {
        var random = new Random(20220410);
        var now = Clock.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var path = i % 2 == 0 ? "/slack/commands" : "/slack/interactions";
            var body =
                i % 2 == 0
                    ? SlackRequests.CommandBody(
                        "cancel arn:aws:braket:us-west-1:111122223333:quantum-task/4b5c6d7e",
                        Slack.ResponseUrl("m" + i)
                    )
                    : SlackRequests.ButtonBody("cancel_all_queued", "{\"day\":\"2022-04-10\"}", Slack.ResponseUrl("m" + i));
            var timestamp = now.ToUnixTimeSeconds().ToString();
            var signature = SlackSignature.Compute(SlackRequests.SigningSecret, timestamp, Encoding.UTF8.GetBytes(body));
            switch (i % 8)
            {
                case 0:
                    signature = signature[..^1] + (signature[^1] == 'a' ? 'b' : 'a');
                    break; // one hex digit off
                case 1:
                    timestamp = now.AddSeconds(-301 - random.Next(100_000)).ToUnixTimeSeconds().ToString();
                    break; // stale
                case 2:
                    timestamp = now.AddSeconds(301 + random.Next(100_000)).ToUnixTimeSeconds().ToString();
                    break; // from the future
                case 3:
                    body = body.Insert(random.Next(body.Length), "x");
                    break; // body changed
                case 4:
                    signature = SlackSignature.Compute("guessed-" + i, timestamp, Encoding.UTF8.GetBytes(body));
                    break;
                case 5:
                    signature = "";
                    break;
                case 6:
                    timestamp = "abc" + i;
                    break;
                case 7:
                    signature = signature.ToUpperInvariant();
                    break;
            }
            var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            request.Headers.TryAddWithoutValidation(SlackSignature.TimestampHeader, timestamp);
            request.Headers.TryAddWithoutValidation(SlackSignature.SignatureHeader, signature);
            yield return request;
        }
    }

    [Fact]
    public async Task A_thousand_mutated_slack_requests_are_all_refused()
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var chunk in MutatedSlackRequests(1000).Chunk(25))
            statuses.AddRange((await Task.WhenAll(chunk.Select(r => Client.SendAsync(r)))).Select(r => r.StatusCode));

        Assert.Equal(1000, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        await SettleAsync();
        Assert.Empty(Braket.Requests);
        Assert.Empty(Slack.Received);
    }

    [Fact]
    public async Task Ten_thousand_malformed_bodies_get_no_5xx_and_the_host_still_answers()
    {
        var random = new Random(7);
        var now = Clock.GetUtcNow();
        string Garbage() =>
            random.Next(6) switch
            {
                0 => "",
                1 => new string((char)random.Next(1, 0xD7FF), random.Next(1, 300)),
                2 => "{\"id\":\""
                    + random.Next()
                    + "\",\"detail-type\":\"Braket Task State Change\",\"source\":\"aws.braket\",\"detail\":"
                    + random.Next()
                    + "}",
                3 => "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"actions\":[" + random.Next() + "]"),
                4 => "text=info+" + random.Next() + "&user_id=&response_url=notaurl",
                _ => Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "%%%&&==",
            };
        string[] contentTypes = ["application/json", "application/x-www-form-urlencoded", "text/plain"];
        HttpRequestMessage Request(int i)
        {
            var body = Garbage();
            // Slack requests are signed correctly: the garbage must get past the signature to test what lies behind it.
            var request = (i % 3) switch
            {
                0 => Events.Post(body),
                1 => SlackRequests.Signed("/slack/commands", body, now),
                _ => SlackRequests.Signed("/slack/interactions", body, now),
            };
            request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentTypes[random.Next(3)]);
            return request;
        }

        var statuses = new List<int>();
        foreach (var chunk in Enumerable.Range(0, 10_000).Chunk(50))
            statuses.AddRange((await Task.WhenAll(chunk.Select(i => Client.SendAsync(Request(i))))).Select(r => (int)r.StatusCode));

        Assert.Equal(10_000, statuses.Count);
        Assert.DoesNotContain(statuses, s => s >= 500);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
    }
}
