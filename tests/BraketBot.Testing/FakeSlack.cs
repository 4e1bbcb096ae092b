using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace BraketBot.Testing;

/// <summary>Slack's Web API and response_url endpoints as a WireMock server that keeps what it was sent.</summary>
public sealed class FakeSlack : IDisposable
{
    private readonly ConcurrentQueue<HttpStatusCode> postMessageFaults = new();
    private int ts;
    private int hangs;

    public FakeSlack()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage"))
            .RespondWith(Response.Create().WithCallback(request => Record("chat.postMessage", request, () =>
                Hang() ? Answer(HttpStatusCode.GatewayTimeout, "{\"ok\":false}")
                : postMessageFaults.TryDequeue(out var status)
                    ? Answer(status, "{\"ok\":false,\"error\":\"internal_error\"}", status == HttpStatusCode.TooManyRequests ? "1" : null)
                    : Answer(HttpStatusCode.OK, $"{{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.{Interlocked.Increment(ref ts):000000}\"}}"))));
        Server.Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
            .RespondWith(Response.Create().WithCallback(request => Record("chat.update", request, () => Answer(HttpStatusCode.OK, "{\"ok\":true}"))));
        Server.Given(Request.Create().UsingPost().WithPath(new WireMock.Matchers.WildcardMatcher("/response/*")))
            .RespondWith(Response.Create().WithCallback(request => Record("response_url", request, () => Answer(HttpStatusCode.OK, "ok"))));
    }

    public WireMockServer Server { get; }

    public Uri ApiBase => new(Server.Urls[0] + "/api/");

    public Uri ResponseUrl(string id) => new(Server.Urls[0] + "/response/" + id);

    public ConcurrentQueue<(string Kind, string Path, JsonElement Body, IDictionary<string, WireMockList<string>> Headers)> Received { get; } = new();

    public IReadOnlyList<JsonElement> Bodies(string kind) => Received.Where(r => r.Kind == kind).Select(r => r.Body).ToList();

    public IReadOnlyList<JsonElement> Responses(string id) =>
        Received.Where(r => r.Kind == "response_url" && r.Path.EndsWith("/" + id, StringComparison.Ordinal)).Select(r => r.Body).ToList();

    /// <summary>The next chat.postMessage calls answer with these statuses (429 carries Retry-After: 1).</summary>
    public void FailPostMessage(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses) postMessageFaults.Enqueue(status);
    }

    /// <summary>The next chat.postMessage hangs this long, then fails: the caller is presumed dead by then.</summary>
    public void HangNextPostMessage(TimeSpan duration)
    {
        HangDuration = duration;
        Interlocked.Increment(ref hangs);
    }

    public TimeSpan HangDuration { get; private set; }

    /// <summary>How many requests are hanging (or hung) now.</summary>
    public int Hanging;

    private bool Hang()
    {
        if (Interlocked.Decrement(ref hangs) < 0)
        {
            Interlocked.Increment(ref hangs);
            return false;
        }
        Interlocked.Increment(ref Hanging);
        Thread.Sleep(HangDuration);
        return true;
    }

    public async Task<T> WaitFor<T>(Func<T?> probe, TimeSpan? timeout = null, string? what = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Slack never received {what ?? "the expected message"}. Got: " +
                                   string.Join("\n", Received.Select(r => $"{r.Kind} {r.Body}")));
    }

    public Task<JsonElement[]> WaitForResponses(string id, int count = 1, TimeSpan? timeout = null) =>
        WaitFor(() => Responses(id) is { } r && r.Count >= count ? r.ToArray() : null, timeout, $"{count} response(s) at /response/{id}");

    private ResponseMessage Record(string kind, IRequestMessage request, Func<ResponseMessage> answer)
    {
        var body = request.Body is { Length: > 0 } text ? JsonDocument.Parse(text).RootElement.Clone() : default;
        var response = answer();
        if ((int)response.StatusCode! == 200) Received.Enqueue((kind, request.Path, body, request.Headers!));
        return response;
    }

    private static ResponseMessage Answer(HttpStatusCode status, string body, string? retryAfter = null)
    {
        var headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
        if (retryAfter is not null) headers["Retry-After"] = new WireMockList<string>(retryAfter);
        return new ResponseMessage
        {
            StatusCode = (int)status,
            Headers = headers,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
    }

    public void Dispose() => Server.Stop();
}
