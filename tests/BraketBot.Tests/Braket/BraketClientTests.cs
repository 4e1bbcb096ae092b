using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using BraketBot.Braket;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Braket;

public sealed class BraketClientTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeBraket braket = new();

    public void Dispose() => braket.Dispose();

    private IBraketApi Client(ImmutableCredentials? credentials = null, IDictionary<string, string?>? settings = null) =>
        BraketServices.Create(braket.Url, credentials, settings: settings).GetRequiredService<IBraketApi>();

    [Fact]
    public async Task Signs_every_call_for_its_region_and_sends_the_session_token()
    {
        var client = Client(new ImmutableCredentials("ASIATEMP", "secret", "session-token-1"));

        await client.SearchDevicesAsync("us-east-1", CancellationToken.None);

        var request = braket.RequestsOf(BraketOperations.SearchDevices).Single();
        string Header(string name) => request.Headers!.First(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.ToString();
        var authorization = Header("Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIATEMP/", authorization);
        Assert.Contains("/us-east-1/braket/aws4_request, SignedHeaders=", authorization);
        Assert.Contains("x-amz-security-token", authorization);
        Assert.Equal("session-token-1", Header("X-Amz-Security-Token"));
        Assert.Matches(@"^\d{8}T\d{6}Z$", Header("X-Amz-Date"));
    }

    [Fact]
    public async Task A_page_token_handed_out_twice_stops_the_listing_with_a_clear_error()
    {
        braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1, Day.AddHours(1)));
        braket.Devices.Add(Tasks.Aspen);
        braket.RepeatPageTokens = true;
        var client = Client();

        var tasks = await client.TasksCreatedAsync(["us-west-1"], null, Day, Day.AddDays(1), CancellationToken.None);
        var devices = await client.SearchDevicesAsync("us-west-1", CancellationToken.None);

        Assert.Contains("same page token twice", tasks.Error!.Describe());
        Assert.Contains("same page token twice", devices.Error!.Describe());
        Assert.Equal(2, braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count);
        Assert.Equal(2, braket.RequestsOf(BraketOperations.SearchDevices).Count);
    }

    [Fact]
    public async Task Pages_through_a_large_search_as_an_async_stream()
    {
        braket.Add([.. Tasks.Many(250, Tasks.AspenArn, QuantumTaskStatus.Completed, 10, Day.AddHours(1))]);
        var client = Client();

        var found = new List<QuantumTaskSummary>();
        await foreach (
            var task in client.SearchAllQuantumTasksAsync("us-west-1", [QuantumTaskFilter.Device(Tasks.AspenArn)], CancellationToken.None)
        )
            found.Add(task);

        Assert.Equal(250, found.DistinctBy(t => t.QuantumTaskArn).Count());
        var bodies = braket.RequestsOf(BraketOperations.SearchQuantumTasks).Select(r => JsonDocument.Parse(r.Body!).RootElement).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.Equal(100, b.GetProperty("maxResults").GetInt32()));
        Assert.False(bodies[0].TryGetProperty("nextToken", out _));
        Assert.Equal("100", bodies[1].GetProperty("nextToken").GetString());
        Assert.Equal("200", bodies[2].GetProperty("nextToken").GetString());
    }

    [Fact]
    public async Task Retries_a_throttled_call_and_succeeds()
    {
        braket.Fail(BraketOperations.SearchQuantumTasks, HttpStatusCode.TooManyRequests);
        braket.Add(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1)));

        var page = await Client().SearchQuantumTasksAsync("us-west-1", [], null, 100, CancellationToken.None);

        Assert.True(page.IsSuccess);
        Assert.Single(page.Value!.QuantumTasks);
        Assert.Equal(2, braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count);
    }

    [Fact]
    public async Task Gives_up_on_throttling_after_a_bounded_number_of_retries()
    {
        braket.Fail(BraketOperations.SearchQuantumTasks, HttpStatusCode.TooManyRequests, times: 50);

        var page = await Client().SearchQuantumTasksAsync("us-west-1", [], null, 100, CancellationToken.None);

        Assert.Equal(BraketErrorKind.Throttled, page.Error!.Kind);
        Assert.InRange(braket.RequestsOf(BraketOperations.SearchQuantumTasks).Count, 2, 5);
    }

    [Fact]
    public async Task Maps_conflict_not_found_and_access_denied_to_typed_errors()
    {
        var running = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 100, Day);
        braket.Add(running);
        var client = Client();
        QuantumTaskArn.TryParse(running.QuantumTaskArn, out var runningArn);
        QuantumTaskArn.TryParse(
            $"arn:aws:braket:us-west-1:{Tasks.Account}:quantum-task/00000000-dead-beef-0000-000000000000",
            out var missingArn
        );

        var conflict = await client.CancelQuantumTaskAsync(runningArn!, "token-1", CancellationToken.None);
        var missing = await client.GetQuantumTaskAsync(missingArn!, CancellationToken.None);
        braket.Fail(BraketOperations.CancelQuantumTask, HttpStatusCode.Forbidden);
        var denied = await client.CancelQuantumTaskAsync(runningArn!, "token-2", CancellationToken.None);

        Assert.Equal(BraketErrorKind.Conflict, conflict.Error!.Kind);
        Assert.Contains("cannot be cancelled", conflict.Error.Message);
        Assert.Equal(BraketErrorKind.NotFound, missing.Error!.Kind);
        Assert.Equal(BraketErrorKind.AccessDenied, denied.Error!.Kind);
        Assert.Equal("braket:CancelQuantumTask", denied.Error.MissingPermission);
        Assert.Contains("braket:CancelQuantumTask", denied.Error.Describe());
    }

    [Fact]
    public async Task A_refused_signature_is_told_as_refused_credentials_never_as_a_missing_permission()
    {
        braket.RefuseSignatures();

        var devices = await Client().SearchDevicesAsync("us-west-1", CancellationToken.None);

        Assert.Equal(BraketErrorKind.CredentialsRefused, devices.Error!.Kind);
        Assert.Null(devices.Error.MissingPermission);
        Assert.Contains("refused BraketBot's credentials (a wrong secret key, or an expired session)", devices.Error.Describe());
        Assert.Single(braket.RequestsOf(BraketOperations.SearchDevices)); // a 403 is not retried
    }

    [Fact]
    public async Task Puts_the_url_encoded_arn_in_the_path_and_one_client_token_per_cancellation()
    {
        var queued = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day);
        braket.Add(queued);
        braket.Fail(BraketOperations.CancelQuantumTask, HttpStatusCode.InternalServerError);
        QuantumTaskArn.TryParse(queued.QuantumTaskArn, out var arn);

        var result = await Client().CancelQuantumTaskAsync(arn!, "b6f1e5c2-token", CancellationToken.None);

        Assert.Equal(CancellationStatus.Cancelling, result.Value);
        var attempts = braket.RequestsOf(BraketOperations.CancelQuantumTask);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
            Assert.Equal("b6f1e5c2-token", JsonDocument.Parse(a.Body!).RootElement.GetProperty("clientToken").GetString())
        );
        // The server decodes ':' for us, but never the ARN's own '/', which must arrive as %2F in one segment.
        Assert.EndsWith($"quantum-task%2F{arn!.Id}/cancel", attempts[0].Url);
    }

    [Fact]
    public async Task Scans_a_day_in_the_time_zone_in_one_pass_without_decoys()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var window = DayWindow.For(new Day(new DateOnly(2022, 4, 10)), zone); // 07:00Z to 07:00Z, daylight time
        braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, window.Start),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 200, window.End.AddSeconds(-1)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 300, window.Start.AddHours(5)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 999, window.Start.AddSeconds(-1)),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 999, window.End),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 999, window.Start.AddHours(1))
        );

        var tasks = await Client().TasksCreatedAsync(["us-west-1"], Tasks.AspenArn, window.Start, window.End, CancellationToken.None);

        Assert.Equal(600, tasks.Value!.Sum(t => t.Shots));
        var filters = JsonDocument
            .Parse(braket.RequestsOf(BraketOperations.SearchQuantumTasks).Single().Body!)
            .RootElement.GetProperty("filters");
        Assert.Equal(
            ["createdAt GTE 2022-04-10T07:00:00Z", "createdAt LT 2022-04-11T07:00:00Z", "deviceArn EQUAL " + Tasks.AspenArn],
            filters.EnumerateArray().Select(f => $"{f.GetProperty("name")} {f.GetProperty("operator")} {f.GetProperty("values")[0]}")
        );
    }

    [Fact]
    public async Task Calls_each_region_at_its_own_endpoint_unless_one_is_configured()
    {
        var options = new BraketOptions();

        Assert.Equal(new Uri("https://braket.eu-north-1.amazonaws.com/"), options.EndpointFor("eu-north-1"));
        Assert.Equal(braket.Url, (options with { ServiceUrl = braket.Url }).EndpointFor("eu-north-1"));
        Assert.Equal(WatchOptions.DefaultRegions, new WatchOptions().EffectiveRegions);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_a_typed_error_not_an_exception()
    {
        var closed = new Uri("http://127.0.0.1:9/");
        var client = BraketServices.Create(closed).GetRequiredService<IBraketApi>();

        var result = await client.SearchDevicesAsync("us-west-1", CancellationToken.None);

        Assert.Equal(BraketErrorKind.Unavailable, result.Error!.Kind);
        Assert.Contains("try again", result.Error.Describe());
    }

    [Fact]
    public async Task Reads_spending_limits_as_botocore_shapes_them()
    {
        braket.AddSpendingLimit(
            Tasks.AnkaaArn,
            500m,
            DateTimeOffset.FromUnixTimeSeconds(1649548800),
            DateTimeOffset.FromUnixTimeSeconds(1652140800),
            queued: 12.50m,
            total: 130.25m
        );

        var limits = await Client().SearchSpendingLimitsAsync("us-west-1", CancellationToken.None);

        var limit = Assert.Single(limits.Value!);
        Assert.Equal((500.00m, 12.50m, 130.25m), (limit.Limit, limit.QueuedSpend, limit.TotalSpend));
        Assert.Equal(new DateTimeOffset(2022, 4, 10, 0, 0, 0, TimeSpan.Zero), limit.Period.Start);
    }

    private static readonly LimitPeriod April10 = new(Day, Day.AddDays(1));

    [Fact]
    public async Task Creates_a_spending_limit_as_botocore_shapes_it_in_the_devices_region()
    {
        braket.Devices.Add(Tasks.Ankaa);
        DeviceArn.TryParse(Tasks.AnkaaArn, out var ankaa);

        var created = await Client()
            .CreateSpendingLimitAsync(ankaa!, 20m, April10, LimitTags.For(LimitRenewal.Day), "token-1", CancellationToken.None);

        var request = braket.RequestsOf(BraketOperations.CreateSpendingLimit).Single();
        Assert.Equal(("POST", "/spending-limit", "us-west-1"), (request.Method, request.Path, FakeBraket.RegionOf(request)));
        Assert.Equal(
            """{"clientToken":"token-1","deviceArn":"arn:aws:braket:us-west-1::device/qpu/rigetti/Ankaa-3","spendingLimit":"20.00","time"""
                + """Period":{"startAt":1649548800,"endAt":1649635200},"tags":{"braketbot:renew":"day"}}""",
            request.Body
        );
        Assert.Equal(braket.SpendingLimits.Single().Arn, created.Value);
    }

    [Fact]
    public async Task Updates_tags_and_deletes_a_limit_at_its_own_region_by_its_arn()
    {
        var arn = braket.AddSpendingLimit(Tasks.AnkaaArn, 500m, Day.AddDays(-9), Day.AddDays(21));
        var client = Client();

        Assert.True((await client.UpdateSpendingLimitAsync(arn, 25.5m, April10, "token-2", CancellationToken.None)).IsSuccess);
        Assert.True((await client.TagResourceAsync(arn, LimitTags.For(LimitRenewal.Month), CancellationToken.None)).IsSuccess);
        var limit = braket.SpendingLimits.Single();
        Assert.Equal(("25.50", 1649548800L, 1649635200L, "month"), (limit.Limit, limit.StartAt, limit.EndAt, limit.Tags[LimitTags.Renew]));
        Assert.True((await client.DeleteSpendingLimitAsync(arn, CancellationToken.None)).IsSuccess);
        Assert.Empty(braket.SpendingLimits);

        // WireMock shows the path decoded; the escaped form on the wire is what SigV4HandlerTests signs.
        var sent = braket.Requests.Select(r => (r.Request.Method, r.Request.Path, FakeBraket.RegionOf(r.Request), r.Request.Body)).ToList();
        Assert.Equal(
            [
                (
                    "PATCH",
                    $"/spending-limit/{arn}/update",
                    "us-west-1",
                    """{"clientToken":"token-2","spendingLimit":"25.50","timePeriod":{"startAt":1649548800,"endAt":1649635200}}"""
                ),
                ("POST", $"/tags/{arn}", "us-west-1", """{"tags":{"braketbot:renew":"month"}}"""),
                ("DELETE", $"/spending-limit/{arn}/delete", "us-west-1", null),
            ],
            sent.Select(s => (s.Method, s.Path, s.Item3, string.IsNullOrEmpty(s.Body) ? null : s.Body)).ToList()
        );
    }

    [Fact]
    public async Task A_limit_braket_refuses_is_a_typed_error_that_names_the_reason()
    {
        braket.Devices.Add(Tasks.Ankaa);
        DeviceArn.TryParse(Tasks.AnkaaArn, out var ankaa);
        braket.AddSpendingLimit(Tasks.AnkaaArn, 500m, Day, Day.AddDays(1));

        var second = await Client()
            .CreateSpendingLimitAsync(ankaa!, 20m, April10, LimitTags.For(LimitRenewal.Day), "token-3", CancellationToken.None);
        var missing = await Client()
            .DeleteSpendingLimitAsync("arn:aws:braket:us-west-1:111122223333:spending-limit/gone", CancellationToken.None);

        Assert.Equal(BraketErrorKind.Validation, second.Error!.Kind);
        Assert.Contains("already exists", second.Error.Message);
        Assert.Equal(BraketErrorKind.NotFound, missing.Error!.Kind);
        Assert.Single(braket.SpendingLimits);
    }

    [Fact]
    public async Task Reads_whether_braketbot_renews_a_limit_from_its_tag()
    {
        braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, Day, Day.AddDays(1), tags: LimitTags.For(LimitRenewal.Day));
        braket.AddSpendingLimit(
            Tasks.AspenArn,
            20m,
            Day,
            Day.AddDays(1),
            tags: new Dictionary<string, string> { [LimitTags.Renew] = "weekly" }
        );

        var limits = (await Client().SearchSpendingLimitsAsync("us-west-1", CancellationToken.None)).Value!;

        Assert.Equal(LimitRenewal.Day, limits.Single(l => l.DeviceArn == Tasks.AnkaaArn).Renewal);
        Assert.Null(limits.Single(l => l.DeviceArn == Tasks.AspenArn).Renewal);
    }
}
