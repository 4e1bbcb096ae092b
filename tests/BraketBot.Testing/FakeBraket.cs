using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BraketBot.Domain;
using BraketBot.Ports;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace BraketBot.Testing;

/// <summary>
/// Amazon Braket as a WireMock server with state: it keeps tasks, answers searches by their
/// filters (one region's tasks, told by the request's SigV4 credential scope), pages, cancels,
/// and can throttle or fail on demand. Every request stays in <see cref="Requests"/> for assertions.
/// </summary>
public sealed partial class FakeBraket : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<QuantumTaskSummary> tasks = [];
    private readonly List<HybridJob> jobs = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> faults = new();

    public FakeBraket()
    {
        Server = WireMockServer.Start();
        Map("POST", "^/quantum-tasks$", BraketOperations.SearchQuantumTasks, Search);
        // WireMock matches the decoded path, in which the ARN's own '/' shows.
        Map("GET", "^/quantum-task/arn:[^/]+/[^/]+$", BraketOperations.GetQuantumTask, Get);
        Map("PUT", "^/quantum-task/arn:[^/]+/[^/]+/cancel$", BraketOperations.CancelQuantumTask, Cancel);
        Map("GET", "^/job/arn:[^/]+/[^/]+$", BraketOperations.GetJob, GetJob);
        Map("POST", "^/jobs$", BraketOperations.SearchJobs, SearchJobs);
        Map("PUT", "^/job/arn:[^/]+/[^/]+/cancel$", BraketOperations.CancelJob, CancelJob);
        Map("POST", "^/devices$", BraketOperations.SearchDevices, _ =>
            Json(new { devices = Devices, nextToken = RepeatPageTokens ? "1" : null })
        );
        MapSpendingLimits();
        MapPriceList();
        Server
            .Given(Request.Create().UsingAnyMethod())
            .AtPriority(100)
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(request =>
                    {
                        Unexpected.Enqueue($"{request.Method} {request.Path}");
                        return Json(new { message = "Unknown operation" }, HttpStatusCode.NotFound, "UnknownOperationException");
                    })
            );
    }

    /// <summary>Calls the fake does not know: a test fails on any.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Urls[0] + "/");

    public List<DeviceSummary> Devices { get; } = [];

    /// <summary>Every page of a listing names the same next page, as a broken service might: paging must stop.</summary>
    public bool RepeatPageTokens { get; set; }

    /// <summary>Added to every answer, like a real network round trip.</summary>
    public TimeSpan Latency { get; set; }

    public ConcurrentQueue<(string Operation, IRequestMessage Request)> Requests { get; } = new();

    public IReadOnlyList<IRequestMessage> RequestsOf(string operation) =>
        Requests.Where(r => r.Operation == operation).Select(r => r.Request).ToList();

    /// <summary>Back to an empty Braket with no faults, quotas or latency, for the next test on a shared host.</summary>
    public void Reset()
    {
        lock (gate)
        {
            tasks.Clear();
            jobs.Clear();
        }
        Devices.Clear();
        ResetSpendingLimits();
        ResetPriceList();
        Requests.Clear();
        Unexpected.Clear();
        faults.Clear();
        slowed.Clear();
        denied.Clear();
        deniedRegions.Clear();
        outages.Clear();
        buckets.Clear();
        throttled.Clear();
        quotas = new Dictionary<string, (double, int)>();
        FaultRate = 0;
        Latency = TimeSpan.Zero;
        RepeatPageTokens = false;
    }

    public void Add(params QuantumTaskSummary[] added)
    {
        lock (gate)
            tasks.AddRange(added);
    }

    /// <summary>Hybrid jobs Braket knows; their tasks are added as tasks whose origin names the job.</summary>
    public void AddJob(params HybridJob[] added)
    {
        lock (gate)
            jobs.AddRange(added);
    }

    public HybridJob Job(string arn)
    {
        lock (gate)
            return jobs.Single(j => j.JobArn == arn);
    }

    public QuantumTaskSummary Task(string arn)
    {
        lock (gate)
            return tasks.Single(t => t.QuantumTaskArn == arn);
    }

    /// <summary>A task moves on in Braket (runs, ends, is cancelled by someone else) without anyone being told.</summary>
    public void SetStatus(string arn, QuantumTaskStatus status)
    {
        lock (gate)
        {
            var index = tasks.FindIndex(t => t.QuantumTaskArn == arn);
            tasks[index] = tasks[index] with { Status = status };
        }
    }

    /// <summary>The next <paramref name="times"/> calls of the operation answer with this status.</summary>
    public void Fail(string operation, HttpStatusCode status, int times = 1)
    {
        var queue = faults.GetOrAdd(operation, _ => new ConcurrentQueue<HttpStatusCode>());
        for (var i = 0; i < times; i++)
            queue.Enqueue(status);
    }

    /// <summary>Every later call of the operation is denied (403 AccessDeniedException), as for an IAM policy without the action.</summary>
    public void Deny(string operation) => denied[operation] = true;

    private readonly ConcurrentDictionary<string, bool> denied = new();

    /// <summary>Every later call in the region is denied (403 AccessDeniedException): a service control policy, a region not
    /// enabled.</summary>
    public void DenyRegion(string region) => deniedRegions[region] = true;

    private readonly ConcurrentDictionary<string, bool> deniedRegions = new();

    /// <summary>The region answers again.</summary>
    public void AllowRegion(string region) => deniedRegions.TryRemove(region, out _);

    /// <summary>Every later call of the operation answers with this status (a 503: a brownout) until <see cref="Recover"/>.</summary>
    public void FailUntilRecovered(string operation, HttpStatusCode status) => outages[operation] = status;

    public void Recover(string operation) => outages.TryRemove(operation, out _);

    private readonly ConcurrentDictionary<string, HttpStatusCode> outages = new();

    /// <summary>The operation is allowed again, as after the IAM policy was fixed.</summary>
    public void Allow(string operation) => denied.TryRemove(operation, out _);

    /// <summary>
    /// Every later call is refused as AWS refuses a request signed with a wrong secret key (403
    /// InvalidSignatureException): the credentials themselves, not a permission.
    /// </summary>
    public void RefuseSignatures() => refuseSignatures = true;

    private volatile bool refuseSignatures;

    private readonly ConcurrentDictionary<string, (ManualResetEventSlim Gate, Func<IRequestMessage, bool> Which)> holds = new();

    /// <summary>
    /// Calls of the operation (those <paramref name="which"/> picks, or all) are received (and listed in
    /// <see cref="Requests"/>) but not answered until <see cref="Release"/>: Braket stalls at a moment the test chose.
    /// </summary>
    public void Hold(string operation, Func<IRequestMessage, bool>? which = null) =>
        holds[operation] = (new ManualResetEventSlim(), which ?? (_ => true));

    /// <summary>The held calls of the operation are answered (late: their callers may have given up), and later ones at once.</summary>
    public void Release(string operation)
    {
        if (holds.TryRemove(operation, out var hold))
            hold.Gate.Set();
    }

    private readonly ConcurrentDictionary<string, TimeSpan> slowed = new();

    /// <summary>Every later call of the operation is answered this much later (on top of <see cref="Latency"/>): one slow API.</summary>
    public void Slow(string operation, TimeSpan by) => slowed[operation] = by;

    /// <summary>Every call of the operation fails with this probability (429 or 500, chosen at random).</summary>
    public double FaultRate { get; set; }

    private readonly ConcurrentDictionary<(string Region, string Operation), ServerBucket> buckets = new();
    private IReadOnlyDictionary<string, (double Rate, int Burst)> quotas = new Dictionary<string, (double, int)>();
    private readonly ConcurrentDictionary<string, int> throttled = new();

    /// <summary>Enforces request quotas per region and operation as Braket does: a call over its bucket gets a 429.</summary>
    public void EnforceQuotas(IReadOnlyDictionary<string, (double Rate, int Burst)> perOperation) => quotas = perOperation;

    /// <summary>Calls refused for being over quota, per operation.</summary>
    public int Throttled(string operation) => throttled.GetValueOrDefault(operation);

    private bool OverQuota(string operation, IRequestMessage request)
    {
        if (!quotas.TryGetValue(operation, out var quota))
            return false;
        var bucket = buckets.GetOrAdd((RegionOf(request), operation), _ => new ServerBucket(quota.Rate, quota.Burst));
        if (bucket.TryTake())
            return false;
        throttled.AddOrUpdate(operation, 1, (_, n) => n + 1);
        return true;
    }

    /// <summary>A token bucket of the server's own, written apart from the bot's so that one cannot hide the other's mistakes.</summary>
    private sealed class ServerBucket(double rate, int burst)
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private double tokens = burst;
        private double lastSeconds;

        public bool TryTake()
        {
            lock (this)
            {
                var now = clock.Elapsed.TotalSeconds;
                tokens = Math.Min(burst, tokens + (now - lastSeconds) * rate);
                lastSeconds = now;
                if (tokens < 1)
                    return false;
                tokens -= 1;
                return true;
            }
        }
    }

    private void Map(string method, string pathPattern, string operation, Func<IRequestMessage, ResponseMessage> answer) =>
        Server
            .Given(Request.Create().UsingMethod(method).WithPath(new WireMock.Matchers.RegexMatcher(pathPattern)))
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(request =>
                    {
                        Requests.Enqueue((operation, request));
                        if (holds.TryGetValue(operation, out var hold) && hold.Which(request))
                            hold.Gate.Wait(TimeSpan.FromMinutes(2));
                        if (Latency > TimeSpan.Zero)
                            Thread.Sleep(Latency);
                        if (slowed.TryGetValue(operation, out var slow))
                            Thread.Sleep(slow);
                        if (refuseSignatures)
                            return Json(
                                new
                                {
                                    message = "The request signature we calculated does not match the signature you provided. Check your "
                                        + "AWS Secret Access Key and signing method.",
                                },
                                HttpStatusCode.Forbidden,
                                "InvalidSignatureException"
                            );
                        if (denied.ContainsKey(operation) || deniedRegions.ContainsKey(RegionOf(request)))
                            return Json(
                                new
                                {
                                    message = $"User: arn:aws:iam::{Tasks.Account}:user/braketbot is not authorized to perform: "
                                        + $"braket:{operation}",
                                },
                                HttpStatusCode.Forbidden,
                                "AccessDeniedException"
                            );
                        if (outages.TryGetValue(operation, out var outage))
                            return Error(outage);
                        if (OverQuota(operation, request))
                            return Error(HttpStatusCode.TooManyRequests);
                        if (faults.TryGetValue(operation, out var queue) && queue.TryDequeue(out var status))
                            return Error(status);
                        if (FaultRate > 0 && Random.Shared.NextDouble() < FaultRate)
                            return Error(Random.Shared.Next(2) == 0 ? HttpStatusCode.TooManyRequests : HttpStatusCode.InternalServerError);
                        return answer(request);
                    })
            );

    private ResponseMessage Search(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var region = RegionOf(request);
        var filters = body["filters"]!.AsArray().Select(f => f!).ToList();
        var max = body["maxResults"]?.GetValue<int>() ?? 100;
        var offset = int.Parse(body["nextToken"]?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture);
        List<QuantumTaskSummary> matching;
        lock (gate)
            matching = tasks
                .Where(t => QuantumTaskArn.TryParse(t.QuantumTaskArn, out var arn) && arn.Region == region)
                .Where(t => filters.All(f => Matches(t, f)))
                .OrderByDescending(t => t.CreatedAt)
                .ToList();
        var page = matching.Skip(offset).Take(max).Select(Wire).ToList();
        var next =
            RepeatPageTokens ? "1"
            : offset + max < matching.Count ? (offset + max).ToString(CultureInfo.InvariantCulture)
            : null;
        return Json(new { quantumTasks = page, nextToken = next });
    }

    private ResponseMessage Get(IRequestMessage request)
    {
        var arn = TaskArnIn(request);
        lock (gate)
        {
            var task = tasks.FirstOrDefault(t => t.QuantumTaskArn == arn);
            return task is null ? Error(HttpStatusCode.NotFound) : Json(GetWire(task));
        }
    }

    private ResponseMessage GetJob(IRequestMessage request)
    {
        var arn = JobArnIn(request);
        lock (gate)
        {
            var job = jobs.FirstOrDefault(j => j.JobArn == arn);
            return job is null
                ? Json(new { message = "Job not found" }, HttpStatusCode.NotFound, "ResourceNotFoundException")
                : Json(JobWire(job));
        }
    }

    private ResponseMessage SearchJobs(IRequestMessage request)
    {
        var filters = JsonNode.Parse(request.Body!)!["filters"]!.AsArray().Select(f => f!).ToList();
        var region = RegionOf(request);
        lock (gate)
        {
            var matching = jobs.Where(j => j.Region == region && filters.All(f => MatchesJob(j, f)))
                .Select(j => new
                {
                    jobArn = j.JobArn,
                    jobName = j.JobName,
                    status = j.Status,
                    device = j.DeviceArn,
                    createdAt = Stamp(j.CreatedAt),
                })
                .ToList();
            return Json(new { jobs = matching });
        }
    }

    private ResponseMessage CancelJob(IRequestMessage request)
    {
        var arn = JobArnIn(request);
        lock (gate)
        {
            var index = jobs.FindIndex(j => j.JobArn == arn);
            if (index < 0)
                return Json(new { message = "Job not found" }, HttpStatusCode.NotFound, "ResourceNotFoundException");
            if (!jobs[index].IsActive)
                return Json(new { message = "Job cannot be cancelled in its current state" }, HttpStatusCode.Conflict, "ConflictException");
            jobs[index] = jobs[index] with { Status = "CANCELLING" };
            return Json(new { jobArn = arn, cancellationStatus = "CANCELLING" });
        }
    }

    private static string JobArnIn(IRequestMessage request) =>
        Uri.UnescapeDataString(request.Path["/job/".Length..]).Replace("/cancel", "", StringComparison.Ordinal);

    private static bool MatchesJob(HybridJob job, JsonNode filter)
    {
        var values = filter["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        return filter["name"]!.GetValue<string>() switch
        {
            "jobArn" => values.Contains(job.JobArn),
            "createdAt" => Compare(
                job.CreatedAt,
                filter["operator"]!.GetValue<string>(),
                values.Select(v => DateTimeOffset.Parse(v, CultureInfo.InvariantCulture)).ToList()
            ),
            var name => throw new InvalidOperationException($"SearchJobs has no filter named {name}"),
        };
    }

    private ResponseMessage Cancel(IRequestMessage request)
    {
        var arn = TaskArnIn(request);
        lock (gate)
        {
            var index = tasks.FindIndex(t => t.QuantumTaskArn == arn);
            if (index < 0)
                return Error(HttpStatusCode.NotFound);
            var task = tasks[index];
            if (task.Status is QuantumTaskStatus.Cancelling or QuantumTaskStatus.Cancelled)
                return Json(new { quantumTaskArn = arn, cancellationStatus = task.Status.ToWire() });
            if (!task.Status.IsCancellable())
                return Error(HttpStatusCode.Conflict);
            tasks[index] = task with { Status = QuantumTaskStatus.Cancelling };
            return Json(new { quantumTaskArn = arn, cancellationStatus = "CANCELLING" });
        }
    }

    private static string TaskArnIn(IRequestMessage request) =>
        Uri.UnescapeDataString(request.Path["/quantum-task/".Length..]).Replace("/cancel", "", StringComparison.Ordinal);

    private static bool Matches(QuantumTaskSummary task, JsonNode filter)
    {
        var values = filter["values"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        var op = filter["operator"]!.GetValue<string>();
        return filter["name"]!.GetValue<string>() switch
        {
            "deviceArn" => values.Contains(task.DeviceArn),
            "status" => values.Contains(task.Status.ToWire()),
            "quantumTaskArn" => values.Contains(task.QuantumTaskArn),
            "jobArn" => task.Origin?.JobArn is { } job && values.Contains(job),
            "createdAt" => Compare(task.CreatedAt, op, values.Select(v => DateTimeOffset.Parse(v, CultureInfo.InvariantCulture)).ToList()),
            var name => throw new InvalidOperationException($"Braket has no filter named {name}"),
        };
    }

    private static bool Compare(DateTimeOffset at, string op, IReadOnlyList<DateTimeOffset> values) =>
        op switch
        {
            "EQUAL" => at == values[0],
            "GT" => at > values[0],
            "GTE" => at >= values[0],
            "LT" => at < values[0],
            "LTE" => at <= values[0],
            "BETWEEN" => at >= values[0] && at <= values[1],
            _ => throw new InvalidOperationException($"Braket has no operator {op}"),
        };

    /// <summary>A search's summary of a task; its tags (a TagsMap) only when it has some, as botocore's model allows.</summary>
    private static Dictionary<string, object?> Wire(QuantumTaskSummary t)
    {
        var wire = new Dictionary<string, object?>
        {
            ["quantumTaskArn"] = t.QuantumTaskArn,
            ["status"] = t.Status.ToWire(),
            ["deviceArn"] = t.DeviceArn,
            ["shots"] = t.Shots,
            ["outputS3Bucket"] = "amazon-braket-test",
            ["outputS3Directory"] = "tasks/" + t.QuantumTaskArn.Split('/')[^1],
            ["createdAt"] = Stamp(t.CreatedAt),
        };
        if (t.Tags is { Count: > 0 } tags)
            wire["tags"] = tags;
        return wire;
    }

    /// <summary>GetQuantumTask's answer: the summary's fields, and the task's associations and jobArn, which searches never give.</summary>
    private static Dictionary<string, object?> GetWire(QuantumTaskSummary t)
    {
        var wire = Wire(t);
        wire["deviceParameters"] = "{}";
        if (t.Origin?.JobArn is { } job)
            wire["jobArn"] = job;
        if (t.Origin?.ReservationArn is { } reservation)
            wire["associations"] = new[] { new { arn = reservation, type = TaskOrigin.ReservationAssociation } };
        return wire;
    }

    private static object JobWire(HybridJob j) =>
        new
        {
            jobArn = j.JobArn,
            jobName = j.JobName,
            status = j.Status,
            createdAt = Stamp(j.CreatedAt),
            startedAt = j.StartedAt is { } started ? Stamp(started) : null,
            endedAt = j.EndedAt is { } ended ? Stamp(ended) : null,
            deviceConfig = j.DeviceArn is null ? null : new { device = j.DeviceArn },
            instanceConfig = new
            {
                instanceType = j.InstanceType ?? "ml.m5.large",
                instanceCount = j.InstanceCount,
                volumeSizeInGb = 30,
            },
            billableDuration = j.BillableDuration is { } billed ? (long?)billed.TotalMilliseconds : null,
            tags = j.Tags ?? new Dictionary<string, string>(),
            roleArn = $"arn:aws:iam::{Tasks.Account}:role/braket-jobs",
            algorithmSpecification = new { scriptModeConfig = new { entryPoint = "algo:main", s3Uri = "s3://b/k" } },
            outputDataConfig = new { s3Path = "s3://amazon-braket-test/jobs" },
        };

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The region of the SigV4 credential scope: Credential=KEY/DATE/REGION/braket/aws4_request.</summary>
    public static string RegionOf(IRequestMessage request) =>
        CredentialScope().Match(request.Headers!["Authorization"].ToString()).Groups["region"].Value;

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/(?<region>[a-z0-9-]+)/braket/aws4_request")]
    private static partial Regex CredentialScope();

    private static ResponseMessage Json(object body, HttpStatusCode status = HttpStatusCode.OK, string? errorType = null)
    {
        var response = new ResponseMessage
        {
            StatusCode = (int)status,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new BodyData
            {
                BodyAsString = JsonSerializer.Serialize(body),
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            },
        };
        if (errorType is not null)
            response.Headers["x-amzn-ErrorType"] = new WireMockList<string>(errorType);
        return response;
    }

    private static ResponseMessage Error(HttpStatusCode status) =>
        status switch
        {
            HttpStatusCode.TooManyRequests => Json(new { message = "Rate exceeded" }, status, "ThrottlingException"),
            HttpStatusCode.NotFound => Json(new { message = "Quantum task not found" }, status, "ResourceNotFoundException"),
            HttpStatusCode.Conflict => Json(
                new { message = "Quantum task cannot be cancelled in its current state" },
                status,
                "ConflictException"
            ),
            HttpStatusCode.Forbidden => Json(
                new
                {
                    message = $"User: arn:aws:sts::{Tasks.Account}:assumed-role/BraketBot/i-0abc is not authorized to perform: "
                        + $"braket:CancelQuantumTask",
                },
                status,
                "AccessDeniedException"
            ),
            _ => Json(new { message = "Internal failure" }, status, "InternalServiceException"),
        };

    public void Dispose()
    {
        foreach (var operation in holds.Keys)
            Release(operation);
        Server.Stop();
    }
}
