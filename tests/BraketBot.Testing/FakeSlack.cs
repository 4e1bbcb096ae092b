using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using ReceivedRequest = (
    string Kind,
    string Path,
    System.Text.Json.JsonElement Body,
    System.Collections.Generic.IDictionary<string, WireMock.Types.WireMockList<string>> Headers
);

namespace BraketBot.Testing;

/// <summary>
/// Slack's Web API and response_url endpoints as a WireMock server that keeps what it was sent and
/// the messages as they stand (posted, then updated in place, with their metadata), answers the
/// history reads from them, and records any call it does not know as unexpected.
/// </summary>
public sealed class FakeSlack : IDisposable
{
    /// <summary>A message in a channel as it stands now: its latest body, its thread and its metadata.</summary>
    public sealed record Message(string Channel, string Ts, string? ThreadTs, JsonElement Body, int Updates);

    private readonly ConcurrentQueue<HttpStatusCode> postMessageFaults = new();
    private readonly ConcurrentDictionary<string, Message> messages = new();
    private readonly ConcurrentDictionary<string, int> responseUses = new();

    /// <summary>How many posts Slack takes per response_url.</summary>
    public const int MaxResponseUses = 5;
    private int ts;
    private int hangs;
    private int lostAnswers;
    private int failedOpens;

    public FakeSlack()
    {
        Server = WireMockServer.Start();
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/chat.postMessage"))
            .RespondWith(Response.Create().WithCallback(request => Record("chat.postMessage", request, () => PostMessage(request))));
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/chat.update"))
            .RespondWith(Response.Create().WithCallback(request => Record("chat.update", request, () => Update(request))));
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/conversations.history"))
            .RespondWith(
                Response.Create().WithCallback(request => Record("conversations.history", request, () => History(request, thread: false)))
            );
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/conversations.replies"))
            .RespondWith(
                Response.Create().WithCallback(request => Record("conversations.replies", request, () => History(request, thread: true)))
            );
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/auth.test"))
            .RespondWith(Response.Create().WithCallback(request => Record("auth.test", request, () => AuthTest(request))));
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/conversations.info"))
            .RespondWith(Response.Create().WithCallback(request => Record("conversations.info", request, () => ConversationInfo(request))));
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/apps.connections.open"))
            .RespondWith(
                Response.Create().WithCallback(request => Record("apps.connections.open", request, () => OpenConnection(request)))
            );
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/files.getUploadURLExternal"))
            .RespondWith(
                Response.Create().WithCallback(request => Record("files.getUploadURLExternal", request, () => UploadUrl(request)))
            );
        Server
            .Given(Request.Create().UsingPost().WithPath(new WireMock.Matchers.WildcardMatcher("/upload/v1/*")))
            .RespondWith(Response.Create().WithCallback(ReceiveFile));
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/files.completeUploadExternal"))
            .RespondWith(
                Response.Create().WithCallback(request => Record("files.completeUploadExternal", request, () => CompleteUpload(request)))
            );
        Server
            .Given(Request.Create().UsingPost().WithPath("/api/views.publish"))
            .RespondWith(Response.Create().WithCallback(request => Record("views.publish", request, () => PublishView(request))));
        Server
            .Given(Request.Create().UsingPost().WithPath(new WireMock.Matchers.WildcardMatcher("/response/*")))
            .RespondWith(Response.Create().WithCallback(request => Record("response_url", request, () => Respond(request))));
        Server
            .Given(Request.Create().UsingAnyMethod())
            .AtPriority(100)
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(request =>
                    {
                        Unexpected.Enqueue($"{request.Method} {request.Path}");
                        return Answer(HttpStatusCode.NotFound, "{\"ok\":false,\"error\":\"unknown_method\"}");
                    })
            );
    }

    public WireMockServer Server { get; }

    /// <summary>A file as Slack holds it: its bytes (once uploaded), and where it was shared (null: unshared).</summary>
    public sealed record File(
        string Id,
        string Name,
        string? AltText,
        byte[]? Content,
        string? Title = null,
        string? Channel = null,
        string? ThreadTs = null,
        string? Comment = null
    )
    {
        public bool Completed { get; init; }
    }

    private readonly ConcurrentDictionary<string, File> files = new();
    private int fileIds;
    private int failedUploads;
    private int throttledCompletions;
    private int lostCompletions;

    /// <summary>Files completed (shared or unshared), in the order they were asked for.</summary>
    public IReadOnlyList<File> Files => files.Values.Where(f => f.Completed).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();

    /// <summary>The next uploads of bytes to an upload URL fail with a 500: an upload that fails half-way.</summary>
    public void FailUploads(int count) => Interlocked.Add(ref failedUploads, count);

    /// <summary>The next files.completeUploadExternal calls answer 429 with Retry-After: 1, doing nothing.</summary>
    public void ThrottleCompletions(int count) => Interlocked.Add(ref throttledCompletions, count);

    /// <summary>The next files.completeUploadExternal calls complete the upload, then answer 500: the caller cannot tell it was
    /// shared.</summary>
    public void LoseAnswersOfCompletions(int count) => Interlocked.Add(ref lostCompletions, count);

    /// <summary>Given the fake's own upload URL of a file, what files.getUploadURLExternal answers as upload_url instead (a number, another
    /// host); null: the URL itself.</summary>
    public Func<Uri, JsonNode>? UploadUrlAnswer { get; set; }

    /// <summary>How long files.getUploadURLExternal takes to answer (Slack slow to grant an upload).</summary>
    public TimeSpan UploadUrlLatency { get; set; }

    /// <summary>The upload URL answers a 307 to another path instead of taking the bytes.</summary>
    public bool RedirectUploads { get; set; }

    /// <summary>
    /// Messages whose image block names an uploaded file are refused, as Slack does while it still
    /// processes the file: chat.postMessage answers ok:false invalid_blocks; a response_url answers
    /// 400 with the body invalid_blocks, as Slack's webhooks do (slackapi/java-slack-sdk#1017).
    /// </summary>
    public bool RefuseFileImages { get; set; }

    /// <summary>Every request to a path that starts so, answered or not (<see cref="Received"/> keeps only the ones answered
    /// 200).</summary>
    public int Attempts(string pathPrefix) =>
        Server.LogEntries.Count(e => e.RequestMessage?.Path.StartsWith(pathPrefix, StringComparison.Ordinal) == true);

    /// <summary>The bot token Slack knows; any other is answered invalid_auth (BotFactory's settings carry this one).</summary>
    public string BotToken { get; set; } = "xoxb-test-token";

    /// <summary>The app-level token Slack knows, for Socket Mode.</summary>
    public string AppToken { get; set; } = "xapp-1-test-token";

    public string Team { get; set; } = "Braket Lab";

    public string BotUser { get; set; } = "braketbot";

    /// <summary>The channels the workspace has, by id, and whether the bot is in each (BotFactory's alert channel, with the bot in
    /// it).</summary>
    public Dictionary<string, (string Name, bool BotIsMember)> Channels { get; } = new() { ["C0ALERTS"] = ("braket-alerts", true) };

    /// <summary>Every later call of the method is answered ok:false with this error (missing_scope, not_in_channel…).</summary>
    public void Refuse(string method, string error) => refusals[method] = error;

    private readonly ConcurrentDictionary<string, string> refusals = new();

    /// <summary>Every later chat.postMessage to the channel is answered ok:false with this error (not_in_channel…).</summary>
    public void RefusePostsIn(string channel, string error) => channelRefusals[channel] = error;

    /// <summary>Posts to the channel are taken again.</summary>
    public void AcceptPostsIn(string channel) => channelRefusals.TryRemove(channel, out _);

    private readonly ConcurrentDictionary<string, string> channelRefusals = new();

    public Uri ApiBase => new(Server.Urls[0] + "/api/");

    public Uri ResponseUrl(string id) => new(Server.Urls[0] + "/response/" + id);

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Calls the fake does not know: a test fails on any.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public IReadOnlyList<JsonElement> Bodies(string kind) => Received.Where(r => r.Kind == kind).Select(r => r.Body).ToList();

    /// <summary>The messages posted to channels, oldest first, as they stand after their updates.</summary>
    public IReadOnlyList<Message> Messages => messages.Values.OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();

    /// <summary>Top-level messages (not thread replies).</summary>
    public IReadOnlyList<Message> TopLevel => Messages.Where(m => m.ThreadTs is null).ToList();

    public IReadOnlyList<JsonElement> Responses(string id) =>
        Received.Where(r => r.Kind == "response_url" && r.Path.EndsWith("/" + id, StringComparison.Ordinal)).Select(r => r.Body).ToList();

    /// <summary>An empty workspace with no faults, for the next test on a shared host (ts keep counting up).</summary>
    public void Reset()
    {
        postMessageFaults.Clear();
        messages.Clear();
        responseUses.Clear();
        Received.Clear();
        Unexpected.Clear();
        Interlocked.Exchange(ref hangs, 0);
        Interlocked.Exchange(ref lostAnswers, 0);
        Interlocked.Exchange(ref hanging, 0);
        Interlocked.Exchange(ref failedUploads, 0);
        Interlocked.Exchange(ref throttledCompletions, 0);
        Interlocked.Exchange(ref lostCompletions, 0);
        Interlocked.Exchange(ref failedOpens, 0);
        UploadUrlAnswer = null;
        UploadUrlLatency = TimeSpan.Zero;
        RedirectUploads = false;
        RefuseFileImages = false;
        Server.ResetLogEntries();
        files.Clear();
        refusals.Clear();
        channelRefusals.Clear();
        homeViews.Clear();
        viewsPublished.Clear();
        down = null;
    }

    /// <summary>
    /// Slack is down: every Web API call and response_url post answers <paramref name="status"/> after
    /// <paramref name="slowness"/>, doing nothing, until <see cref="EndOutage"/>.
    /// </summary>
    public void Outage(HttpStatusCode status, TimeSpan slowness) => down = new Down(status, slowness);

    public void EndOutage() => down = null;

    /// <summary>Calls answered with the outage's status so far.</summary>
    public int FailedDuringOutage => Volatile.Read(ref failedDuringOutage);

    private sealed record Down(HttpStatusCode Status, TimeSpan Slowness);

    private volatile Down? down;
    private int failedDuringOutage;

    /// <summary>The next chat.postMessage calls answer with these statuses, posting nothing (429 carries Retry-After: 1).</summary>
    public void FailPostMessage(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
            postMessageFaults.Enqueue(status);
    }

    /// <summary>The next chat.postMessage calls post the message, then answer 500: the caller cannot tell it landed.</summary>
    public void LoseAnswersOfPosts(int count) => Interlocked.Add(ref lostAnswers, count);

    /// <summary>The next chat.postMessage hangs this long, then fails: the caller is presumed dead by then.</summary>
    public void HangNextPostMessage(TimeSpan duration)
    {
        HangDuration = duration;
        Interlocked.Increment(ref hangs);
    }

    public TimeSpan HangDuration { get; private set; }

    private int hanging;

    /// <summary>Where apps.connections.open sends the app (a <see cref="FakeSocketMode"/>'s next URL); unset, the call is
    /// unexpected.</summary>
    public Func<Uri>? SocketModeUrls { get; set; }

    /// <summary>The next apps.connections.open calls fail as Slack's would (ok: false).</summary>
    public void FailConnectionsOpen(int count) => Interlocked.Add(ref failedOpens, count);

    /// <summary>How many requests are hanging (or hung) now.</summary>
    public int Hanging => Volatile.Read(ref hanging);

    public async Task<T> WaitFor<T>(Func<T?> probe, TimeSpan? timeout = null, string? what = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
                return found;
            await Task.Delay(25);
        }
        throw new TimeoutException(
            $"Slack never received {what ?? "the expected message"}. Got: " + string.Join("\n", Received.Select(r => $"{r.Kind} {r.Body}"))
        );
    }

    public Task<JsonElement[]> WaitForResponses(string id, int count = 1, TimeSpan? timeout = null) =>
        WaitFor(() => Responses(id) is { } r && r.Count >= count ? r.ToArray() : null, timeout, $"{count} response(s) at /response/{id}");

    private ResponseMessage AuthTest(IRequestMessage request) =>
        Refusal("auth.test")
        ?? (
            Bearer(request) != BotToken
                ? SlackError("invalid_auth")
                : Answer(
                    HttpStatusCode.OK,
                    new JsonObject
                    {
                        ["ok"] = true,
                        ["url"] = "https://braket-lab.slack.com/",
                        ["team"] = Team,
                        ["user"] = BotUser,
                        ["team_id"] = "T0TEAM",
                        ["user_id"] = "U0BOT",
                        ["bot_id"] = "B0BOT",
                    }.ToJsonString()
                )
        );

    private ResponseMessage ConversationInfo(IRequestMessage request)
    {
        if (Refusal("conversations.info") is { } refused)
            return refused;
        if (Bearer(request) != BotToken)
            return SlackError("invalid_auth");
        var id = Form(request.Body ?? "").GetValueOrDefault("channel") ?? "";
        return Channels.TryGetValue(id, out var channel)
            ? Answer(
                HttpStatusCode.OK,
                new JsonObject
                {
                    ["ok"] = true,
                    ["channel"] = new JsonObject
                    {
                        ["id"] = id,
                        ["name"] = channel.Name,
                        ["is_channel"] = true,
                        ["is_private"] = false,
                        ["is_member"] = channel.BotIsMember,
                    },
                }.ToJsonString()
            )
            : SlackError("channel_not_found");
    }

    /// <summary>
    /// apps.connections.open: with a <see cref="FakeSocketMode"/> server, its next URL; without one, a URL
    /// that no one should open (doctor's check of the token, not a connection).
    /// </summary>
    private ResponseMessage OpenConnection(IRequestMessage request)
    {
        if (Refusal("apps.connections.open") is { } refused)
            return refused;
        if (Take(ref failedOpens))
            return SlackError("internal_error");
        var token = Bearer(request);
        if (token?.StartsWith("xoxb-", StringComparison.Ordinal) == true)
            return SlackError("not_allowed_token_type");
        if (SocketModeUrls is { } urls)
            return Answer(HttpStatusCode.OK, new JsonObject { ["ok"] = true, ["url"] = urls().ToString() }.ToJsonString());
        return token == AppToken
            ? Answer(HttpStatusCode.OK, "{\"ok\":true,\"url\":\"wss://wss-primary.slack.invalid/link/?ticket=test\"}")
            : SlackError("invalid_auth");
    }

    private ResponseMessage UploadUrl(IRequestMessage request)
    {
        if (Refusal("files.getUploadURLExternal") is { } refused)
            return refused;
        if (Bearer(request) != BotToken)
            return SlackError("invalid_auth");
        var form = Form(request.Body ?? "");
        if (
            !int.TryParse(form.GetValueOrDefault("length"), out var length)
            || length <= 0
            || form.GetValueOrDefault("filename") is not { Length: > 0 } name
        )
            return SlackError("missing_argument");
        var id = $"F{Interlocked.Increment(ref fileIds):000000}";
        files[id] = new File(id, name, form.GetValueOrDefault("alt_txt"), null) { Completed = false };
        if (UploadUrlLatency > TimeSpan.Zero)
            Thread.Sleep(UploadUrlLatency);
        var own = new Uri($"{Server.Urls[0]}/upload/v1/{id}");
        return Answer(
            HttpStatusCode.OK,
            new JsonObject
            {
                ["ok"] = true,
                ["upload_url"] = UploadUrlAnswer?.Invoke(own) ?? own.ToString(),
                ["file_id"] = id,
            }.ToJsonString()
        );
    }

    /// <summary>The upload URL takes the bytes as they are (no token: the URL is the permission).</summary>
    private ResponseMessage ReceiveFile(IRequestMessage request)
    {
        var id = request.Path.Split('/')[^1];
        if (Take(ref failedUploads))
            return Answer(HttpStatusCode.InternalServerError, "upload failed");
        if (RedirectUploads)
            return Redirect($"{Server.Urls[0]}/elsewhere/{id}");
        if (!files.TryGetValue(id, out var file))
            return Answer(HttpStatusCode.NotFound, "no such upload");
        files[id] = file with { Content = request.BodyAsBytes ?? [] };
        Received.Enqueue(
            (
                "file_upload",
                request.Path,
                JsonSerializer.SerializeToElement(new { length = request.BodyAsBytes?.Length ?? 0 }),
                request.Headers!
            )
        );
        return Answer(HttpStatusCode.OK, "OK - " + (request.BodyAsBytes?.Length ?? 0));
    }

    /// <summary>Shares the uploaded files where asked, if the bot is in that channel (not_in_channel, channel_not_found otherwise), or
    /// completes them unshared.</summary>
    private ResponseMessage CompleteUpload(IRequestMessage request)
    {
        if (Take(ref throttledCompletions))
            return Answer(HttpStatusCode.TooManyRequests, "{\"ok\":false,\"error\":\"ratelimited\"}", "1");
        if (Refusal("files.completeUploadExternal") is { } refused)
            return refused;
        if (Bearer(request) != BotToken)
            return SlackError("invalid_auth");
        var body = JsonDocument.Parse(request.Body!).RootElement;
        var channel = body.TryGetProperty("channel_id", out var c) ? c.GetString() : null;
        if (channel is not null && !Channels.TryGetValue(channel, out var known))
            return SlackError("channel_not_found");
        if (channel is not null && !Channels[channel].BotIsMember)
            return SlackError("not_in_channel");
        var wanted = body.GetProperty("files")
            .EnumerateArray()
            .Select(f => (Id: f.GetProperty("id").GetString()!, Title: f.TryGetProperty("title", out var t) ? t.GetString() : null))
            .ToList();
        if (wanted.Any(f => !files.TryGetValue(f.Id, out var file) || file.Content is null))
            return SlackError("file_not_found");
        foreach (var (id, title) in wanted)
        {
            if (files[id].Completed && channel is not null && files[id].Channel is not null)
                Unexpected.Enqueue($"file {id} shared twice");
            files[id] = files[id] with
            {
                Title = title,
                Channel = channel,
                Completed = true,
                ThreadTs = body.TryGetProperty("thread_ts", out var ts) ? ts.GetString() : null,
                Comment = body.TryGetProperty("initial_comment", out var comment) ? comment.GetString() : null,
            };
        }
        if (Take(ref lostCompletions))
            return Answer(HttpStatusCode.InternalServerError, "{\"ok\":false,\"error\":\"internal_error\"}");
        return Answer(
            HttpStatusCode.OK,
            new JsonObject
            {
                ["ok"] = true,
                ["files"] = new JsonArray(wanted.Select(f => (JsonNode)new JsonObject { ["id"] = f.Id }).ToArray()),
            }.ToJsonString()
        );
    }

    private readonly ConcurrentDictionary<string, JsonElement> homeViews = new();
    private readonly ConcurrentDictionary<string, int> viewsPublished = new();

    /// <summary>Each user's Home tab as last published (the view object), by user id.</summary>
    public IReadOnlyDictionary<string, JsonElement> HomeViews => homeViews;

    /// <summary>How many times Slack took a Home tab for the user.</summary>
    public int ViewsPublishedTo(string userId) => viewsPublished.GetValueOrDefault(userId);

    /// <summary>Waits until the user's Home tab was published <paramref name="count"/> times and returns it as it stands.</summary>
    public async Task<JsonElement> WaitForHomeView(string userId, int count = 1, TimeSpan? timeout = null) =>
        (
            await WaitFor(
                () => ViewsPublishedTo(userId) >= count && homeViews.TryGetValue(userId, out var view) ? new[] { view } : null,
                timeout,
                $"views.publish #{count} for {userId}"
            )
        )[0];

    /// <summary>
    /// views.publish as Slack checks it: a user, a view of type home with at most 100 blocks, sections within
    /// 3,000 characters and headers within 150. A view Slack would refuse is answered invalid_blocks and fails the test.
    /// </summary>
    private ResponseMessage PublishView(IRequestMessage request)
    {
        if (Refusal("views.publish") is { } refused)
            return refused;
        if (Bearer(request) != BotToken)
            return SlackError("invalid_auth");
        var body = JsonDocument.Parse(request.Body ?? "{}").RootElement.Clone();
        if (
            !body.TryGetProperty("user_id", out var user)
            || user.GetString() is not { Length: > 0 } userId
            || !body.TryGetProperty("view", out var view)
            || view.ValueKind != JsonValueKind.Object
            || !view.TryGetProperty("type", out var type)
            || type.GetString() != "home"
            || !view.TryGetProperty("blocks", out var blocks)
            || blocks.ValueKind != JsonValueKind.Array
        )
        {
            Unexpected.Enqueue($"views.publish without a user_id or a home view: {request.Body}");
            return SlackError("invalid_arguments");
        }
        var tooLong = blocks
            .EnumerateArray()
            .Any(b =>
                b.GetProperty("type").GetString() switch
                {
                    "section" => b.TryGetProperty("text", out var text) && text.GetProperty("text").GetString()!.Length > 3000,
                    "header" => b.GetProperty("text").GetProperty("text").GetString()!.Length > 150,
                    _ => false,
                }
            );
        if (blocks.GetArrayLength() > 100 || tooLong)
        {
            Unexpected.Enqueue($"views.publish of a view Slack refuses ({blocks.GetArrayLength()} blocks, a text too long: {tooLong})");
            return SlackError("invalid_blocks");
        }
        homeViews[userId] = view;
        viewsPublished.AddOrUpdate(userId, 1, (_, n) => n + 1);
        return Answer(
            HttpStatusCode.OK,
            new JsonObject
            {
                ["ok"] = true,
                ["view"] = new JsonObject
                {
                    ["id"] = "V" + userId,
                    ["type"] = "home",
                    ["hash"] = "1700000000.abcdef",
                    ["blocks"] = JsonNode.Parse(blocks.GetRawText()),
                },
            }.ToJsonString()
        );
    }

    private ResponseMessage? Refusal(string method) => refusals.TryGetValue(method, out var error) ? SlackError(error) : null;

    private static ResponseMessage SlackError(string error) => Answer(HttpStatusCode.OK, $"{{\"ok\":false,\"error\":\"{error}\"}}");

    private static string? Bearer(IRequestMessage request) =>
        request.Headers is { } headers
        && headers.TryGetValue("Authorization", out var values)
        && values.FirstOrDefault() is { } value
        && value.StartsWith("Bearer ", StringComparison.Ordinal)
            ? value["Bearer ".Length..]
            : null;

    private ResponseMessage PostMessage(IRequestMessage request)
    {
        if (Take(ref hangs))
        {
            Interlocked.Increment(ref hanging);
            Thread.Sleep(HangDuration);
            return Answer(HttpStatusCode.GatewayTimeout, "{\"ok\":false}");
        }
        if (postMessageFaults.TryDequeue(out var status))
            return Answer(status, "{\"ok\":false,\"error\":\"internal_error\"}", status == HttpStatusCode.TooManyRequests ? "1" : null);

        var body = JsonDocument.Parse(request.Body!).RootElement.Clone();
        if (RefuseFileImages && ShowsFile(body))
            return SlackError("invalid_blocks");
        var posted = $"1700000000.{Interlocked.Increment(ref ts):000000}";
        var channel = body.GetProperty("channel").GetString()!;
        if (channelRefusals.TryGetValue(channel, out var refusal))
            return SlackError(refusal);
        var thread = body.TryGetProperty("thread_ts", out var t) ? t.GetString() : null;
        messages[posted] = new Message(channel, posted, thread, body, 0);
        return Take(ref lostAnswers)
            ? Answer(HttpStatusCode.InternalServerError, "{\"ok\":false,\"error\":\"internal_error\"}")
            : Answer(HttpStatusCode.OK, $"{{\"ok\":true,\"channel\":\"{channel}\",\"ts\":\"{posted}\"}}");
    }

    /// <summary>Slack takes five posts to a response_url; a sixth is refused, and a test fails on it.</summary>
    private ResponseMessage Respond(IRequestMessage request)
    {
        if (RefuseFileImages && ShowsFile(JsonDocument.Parse(request.Body!).RootElement))
            return Answer(HttpStatusCode.BadRequest, "invalid_blocks");
        if (responseUses.AddOrUpdate(request.Path, 1, (_, n) => n + 1) <= MaxResponseUses)
            return Answer(HttpStatusCode.OK, "ok");
        Unexpected.Enqueue($"a sixth post to {request.Path}");
        return Answer(HttpStatusCode.NotFound, "used_url");
    }

    private static bool ShowsFile(JsonElement message) =>
        message.TryGetProperty("blocks", out var blocks)
        && blocks.EnumerateArray().Any(b => b.GetProperty("type").GetString() == "image" && b.TryGetProperty("slack_file", out _));

    private ResponseMessage Update(IRequestMessage request)
    {
        var body = JsonDocument.Parse(request.Body!).RootElement.Clone();
        var at = body.GetProperty("ts").GetString()!;
        if (!messages.TryGetValue(at, out var message))
            return Answer(HttpStatusCode.OK, "{\"ok\":false,\"error\":\"message_not_found\"}");
        messages[at] = message with { Body = Merge(message.Body, body), Updates = message.Updates + 1 };
        return Answer(HttpStatusCode.OK, $"{{\"ok\":true,\"ts\":\"{at}\"}}");
    }

    /// <summary>An update replaces text and blocks; the metadata and the thread stay the post's.</summary>
    private static JsonElement Merge(JsonElement posted, JsonElement update)
    {
        var merged = JsonNode.Parse(posted.GetRawText())!.AsObject();
        merged["text"] = JsonNode.Parse(update.GetProperty("text").GetRawText());
        merged["blocks"] = JsonNode.Parse(update.GetProperty("blocks").GetRawText());
        return JsonDocument.Parse(merged.ToJsonString()).RootElement.Clone();
    }

    private ResponseMessage History(IRequestMessage request, bool thread)
    {
        var form = Form(request.Body ?? "");
        var found = Messages
            .Where(m => m.Channel == form.GetValueOrDefault("channel"))
            .Where(m => thread ? m.ThreadTs == form.GetValueOrDefault("ts") || m.Ts == form.GetValueOrDefault("ts") : m.ThreadTs is null)
            .Where(m => string.CompareOrdinal(m.Ts, form.GetValueOrDefault("oldest") ?? "") >= 0)
            .Select(m => new JsonObject
            {
                ["ts"] = m.Ts,
                ["text"] = m.Body.GetProperty("text").GetString(),
                ["metadata"] =
                    form.GetValueOrDefault("include_all_metadata") == "true" && m.Body.TryGetProperty("metadata", out var metadata)
                        ? JsonNode.Parse(metadata.GetRawText())
                        : null,
            })
            .ToArray();
        return Answer(HttpStatusCode.OK, new JsonObject { ["ok"] = true, ["messages"] = new JsonArray(found) }.ToJsonString());
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(
                p => Uri.UnescapeDataString(p[0].Replace('+', ' ')),
                p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : ""
            );

    private static bool Take(ref int counter)
    {
        if (Interlocked.Decrement(ref counter) >= 0)
            return true;
        Interlocked.Increment(ref counter);
        return false;
    }

    private ResponseMessage Record(string kind, IRequestMessage request, Func<ResponseMessage> answer)
    {
        var body =
            request.Body is not { Length: > 0 } text ? default
            : text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone()
            : JsonSerializer.SerializeToElement(Form(text));
        if (down is { } outage)
        {
            Thread.Sleep(outage.Slowness);
            Interlocked.Increment(ref failedDuringOutage);
            return Answer(outage.Status, "{\"ok\":false,\"error\":\"service_unavailable\"}");
        }
        var response = answer();
        if ((int)response.StatusCode! == 200)
            Received.Enqueue((kind, request.Path, body, request.Headers!));
        return response;
    }

    private static ResponseMessage Redirect(string location) =>
        new()
        {
            StatusCode = (int)HttpStatusCode.TemporaryRedirect,
            Headers = new Dictionary<string, WireMockList<string>> { ["Location"] = new(location) },
        };

    private static ResponseMessage Answer(HttpStatusCode status, string body, string? retryAfter = null)
    {
        var headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
        if (retryAfter is not null)
            headers["Retry-After"] = new WireMockList<string>(retryAfter);
        return new ResponseMessage
        {
            StatusCode = (int)status,
            Headers = headers,
            BodyData = new BodyData
            {
                BodyAsString = body,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            },
        };
    }

    public void Dispose() => Server.Stop();
}
