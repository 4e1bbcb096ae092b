using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BraketBot.Testing;

/// <summary>
/// Slack's Socket Mode end as a WebSocket server on Kestrel (loopback): each URL from
/// <see cref="NextUrl"/> is what apps.connections.open hands out (see <see cref="FakeSlack.SocketModeUrls"/>),
/// each connection to it a <see cref="Link"/> that says hello, sends envelopes and keeps what the
/// app sends back (acknowledgements), as Slack's envelope protocol has it.
/// </summary>
public sealed class FakeSocketMode : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Link> links = new();
    private int tickets;
    private int lastTicketBeforeReset;

    private FakeSocketMode(WebApplication app) => this.app = app;

    /// <summary>Whether a new connection is greeted with hello at once (Slack does).</summary>
    public bool SayHello { get; set; } = true;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeSocketMode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSocketMode(app);
        app.UseWebSockets();
        app.Map("/link", fake.AcceptAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/");
        return fake;
    }

    /// <summary>A fresh connection URL, as apps.connections.open answers (each with its own ticket).</summary>
    public Uri NextUrl() => new(BaseUrl, $"link/?ticket={Interlocked.Increment(ref tickets)}");

    /// <summary>The connections made so far, oldest first.</summary>
    public IReadOnlyList<Link> Links => links.ToList();

    /// <summary>Waits for the <paramref name="number"/>th connection (1 is the first).</summary>
    public Task<Link> WaitForLink(int number, TimeSpan? timeout = null) =>
        Wait.For(() => links.Skip(number - 1).FirstOrDefault(), timeout ?? TimeSpan.FromSeconds(15), $"Socket Mode connection #{number}");

    /// <summary>
    /// No connection left and hello at once again, for the next test on a shared host (tickets keep counting up): the links
    /// still open are broken, as a network failure would, and forgotten once closed. A connection the app began before the
    /// reset but this server accepts only after it (the app stopped while its upgrade was on the way) is broken on arrival
    /// and never listed: it would be the next test's first link, already dead.
    /// </summary>
    public async Task ResetAsync()
    {
        Volatile.Write(ref lastTicketBeforeReset, Volatile.Read(ref tickets));
        foreach (var link in links)
            link.Drop();
        await Task.WhenAll(links.Select(l => l.Closed)).WaitAsync(TimeSpan.FromSeconds(15));
        while (links.TryDequeue(out var link))
            link.Dispose();
        SayHello = true;
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var link = new Link(context.Request.Query["ticket"].ToString(), socket, context);
        if (int.TryParse(link.Ticket, out var ticket) && ticket <= Volatile.Read(ref lastTicketBeforeReset))
        {
            link.Drop(); // handed out before the last reset
            link.Dispose();
            return;
        }
        links.Enqueue(link);
        if (SayHello)
            await link.SendHelloAsync();
        await link.ReadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var link in links)
            link.Drop();
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var link in links)
            link.Dispose();
    }

    /// <summary>One Socket Mode connection, seen from Slack's side.</summary>
    public sealed class Link(string ticket, WebSocket socket, HttpContext context) : IDisposable
    {
        private readonly SemaphoreSlim sending = new(1, 1);
        private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Ticket => ticket;

        public DateTime OpenedAt { get; } = DateTime.UtcNow;

        public DateTime? ClosedAt { get; private set; }

        /// <summary>What the app sent, in order, with when it arrived.</summary>
        public ConcurrentQueue<(JsonElement Message, DateTime At)> Received { get; } = new();

        /// <summary>Completes when the app closed the connection (or it broke).</summary>
        public Task Closed => closed.Task;

        /// <summary>Whether the app closed with a close handshake rather than leaving the socket to break.</summary>
        public bool ClosedCleanly { get; private set; }

        public Task SendHelloAsync() =>
            SendAsync(
                new JsonObject
                {
                    ["type"] = "hello",
                    ["num_connections"] = 1,
                    ["debug_info"] = new JsonObject { ["host"] = "fake-applink", ["approximate_connection_time"] = 18060 },
                    ["connection_info"] = new JsonObject { ["app_id"] = SlackRequests.AppId },
                }.ToJsonString()
            );

        /// <summary>A disconnect with this reason (refresh_requested, link_disabled, warning).</summary>
        public Task SendDisconnectAsync(string reason) =>
            SendAsync(
                new JsonObject
                {
                    ["type"] = "disconnect",
                    ["reason"] = reason,
                    ["debug_info"] = new JsonObject { ["host"] = "fake-applink" },
                }.ToJsonString()
            );

        /// <summary>Sends an envelope; returns its id. A redelivery passes the id again with a retry attempt.</summary>
        public async Task<string> SendEnvelopeAsync(string type, string payloadJson, string? envelopeId = null, int retryAttempt = 0)
        {
            var id = envelopeId ?? Guid.NewGuid().ToString();
            var envelope = new JsonObject
            {
                ["envelope_id"] = id,
                ["type"] = type,
                ["accepts_response_payload"] = type == "slash_commands",
                ["payload"] = JsonNode.Parse(payloadJson),
            };
            if (retryAttempt > 0)
            {
                envelope["retry_attempt"] = retryAttempt;
                envelope["retry_reason"] = "timeout";
            }
            await SendAsync(envelope.ToJsonString());
            return id;
        }

        /// <summary>The acknowledgements the app sent for this envelope.</summary>
        public IReadOnlyList<JsonElement> Acks(string envelopeId) =>
            Received
                .Select(r => r.Message)
                .Where(m =>
                    m.ValueKind == JsonValueKind.Object && m.TryGetProperty("envelope_id", out var id) && id.GetString() == envelopeId
                )
                .ToList();

        /// <summary>Waits for the <paramref name="count"/>th acknowledgement of the envelope and returns it.</summary>
        public async Task<JsonElement> WaitForAck(string envelopeId, int count = 1, TimeSpan? timeout = null) =>
            (
                await Wait.For(
                    () => Acks(envelopeId) is { } acks && acks.Count >= count ? acks.Skip(count - 1).Take(1).ToList() : null,
                    timeout ?? TimeSpan.FromSeconds(15),
                    $"acknowledgement #{count} of envelope {envelopeId}"
                )
            )[0];

        public async Task SendAsync(string json)
        {
            await sending.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                sending.Release();
            }
        }

        /// <summary>Breaks the connection without a close handshake, as a network failure would.</summary>
        public void Drop()
        {
            if (closed.Task.IsCompleted)
                return;
            socket.Abort();
            context.Abort();
        }

        public void Dispose() => sending.Dispose();

        internal async Task ReadAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    } while (!result.EndOfMessage);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClosedCleanly = true;
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        return;
                    }
                    Received.Enqueue((JsonDocument.Parse(message.ToArray()).RootElement.Clone(), DateTime.UtcNow));
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
                // Broken: dropped by either side.
            }
            finally
            {
                ClosedAt = DateTime.UtcNow;
                closed.TrySetResult();
            }
        }
    }
}
