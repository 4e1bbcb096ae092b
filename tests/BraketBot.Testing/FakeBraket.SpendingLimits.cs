using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BraketBot.Domain;
using BraketBot.Ports;
using WireMock;

namespace BraketBot.Testing;

/// <summary>
/// Braket's spending limits, with the rules the API reference states: one limit per device, none for
/// simulators or devices it does not list, an amount matching <c>\d+(\.\d{1,2})?</c>, a period that starts before it ends, a
/// clientToken of 1 to 64 characters that makes a repeat of the same request a no-op, and each limit
/// reachable only in its own region. Anything else is a ValidationException, as Braket answers it.
/// </summary>
public sealed partial class FakeBraket
{
    private readonly Lock limitsGate = new();
    private readonly List<FakeSpendingLimit> limits = [];
    private readonly Dictionary<string, string> limitTokens = new(StringComparer.Ordinal);

    /// <summary>The limits as they stand now.</summary>
    public IReadOnlyList<FakeSpendingLimit> SpendingLimits
    {
        get
        {
            lock (limitsGate)
                return limits.ToList();
        }
    }

    /// <summary>A limit someone made (in the console, say), in the device's region; answers its ARN.</summary>
    public string AddSpendingLimit(
        string deviceArn,
        decimal usd,
        DateTimeOffset start,
        DateTimeOffset end,
        decimal queued = 0,
        decimal total = 0,
        IReadOnlyDictionary<string, string>? tags = null
    )
    {
        var arn = LimitArn(DeviceArn.TryParse(deviceArn, out var device) ? device.Region : "us-west-1");
        lock (limitsGate)
            limits.Add(
                new FakeSpendingLimit(
                    arn,
                    deviceArn,
                    Money(usd),
                    start.ToUnixTimeSeconds(),
                    end.ToUnixTimeSeconds(),
                    Money(queued),
                    Money(total),
                    tags ?? new Dictionary<string, string>()
                )
            );
        return arn;
    }

    private void MapSpendingLimits()
    {
        Map("POST", "^/spending-limits$", BraketOperations.SearchSpendingLimits, SearchLimits);
        Map("POST", "^/spending-limit$", BraketOperations.CreateSpendingLimit, CreateLimit);
        Map("PATCH", "^/spending-limit/arn:.+/update$", BraketOperations.UpdateSpendingLimit, UpdateLimit);
        Map("DELETE", "^/spending-limit/arn:.+/delete$", BraketOperations.DeleteSpendingLimit, DeleteLimit);
        Map("POST", "^/tags/arn:.+$", BraketOperations.TagResource, TagLimit);
    }

    private void ResetSpendingLimits()
    {
        lock (limitsGate)
        {
            limits.Clear();
            limitTokens.Clear();
        }
    }

    private ResponseMessage SearchLimits(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body ?? "{}")!;
        var devices = body["filters"]
            ?.AsArray()
            .Where(f => f!["name"]!.GetValue<string>() == "deviceArn")
            .SelectMany(f => f!["values"]!.AsArray().Select(v => v!.GetValue<string>()))
            .ToHashSet();
        var region = RegionOf(request);
        lock (limitsGate)
            return Json(
                new
                {
                    spendingLimits = limits
                        .Where(l => l.Region == region && (devices is null || devices.Contains(l.DeviceArn)))
                        .Select(l => new
                        {
                            spendingLimitArn = l.Arn,
                            deviceArn = l.DeviceArn,
                            timePeriod = new { startAt = l.StartAt, endAt = l.EndAt },
                            spendingLimit = l.Limit,
                            queuedSpend = l.QueuedSpend,
                            totalSpend = l.TotalSpend,
                            createdAt = "2022-04-01T00:00:00Z",
                            updatedAt = "2022-04-01T00:00:00Z",
                            tags = l.Tags,
                        })
                        .ToList(),
                }
            );
    }

    private ResponseMessage CreateLimit(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        var deviceArn = body["deviceArn"]?.GetValue<string>();
        var problem = TokenProblem(body)
            ?? AmountProblem(body, required: true)
            ?? PeriodProblem(body, required: false)
            ?? (deviceArn is null ? "deviceArn is required" : null);
        if (problem is not null)
            return Invalid(problem);
        if (!DeviceArn.TryParse(deviceArn, out var device) || device.Region != RegionOf(request))
            return Invalid($"Device {deviceArn} is not in this region");
        if (device.IsSimulator)
            return Invalid("Simulators do not support spending limits");
        if (Devices.All(d => d.DeviceArn != deviceArn))
            return Invalid($"Device {deviceArn} does not exist");
        var token = body["clientToken"]!.GetValue<string>();
        lock (limitsGate)
        {
            if (limitTokens.TryGetValue(token, out var earlier))
                return Json(new { spendingLimitArn = earlier });
            if (limits.Any(l => l.DeviceArn == deviceArn))
                return Invalid($"A spending limit already exists for device {deviceArn}");
            var arn = LimitArn(device.Region);
            var period = body["timePeriod"];
            limits.Add(
                new FakeSpendingLimit(
                    arn,
                    deviceArn!,
                    body["spendingLimit"]!.GetValue<string>(),
                    period?["startAt"]!.GetValue<long>() ?? 0,
                    period?["endAt"]!.GetValue<long>() ?? long.MaxValue,
                    "0.00",
                    "0.00",
                    body["tags"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? new Dictionary<string, string>()
                )
            );
            limitTokens[token] = arn;
            return Json(new { spendingLimitArn = arn }, HttpStatusCode.Created);
        }
    }

    private ResponseMessage UpdateLimit(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body!)!;
        if ((TokenProblem(body) ?? AmountProblem(body, required: false) ?? PeriodProblem(body, required: false)) is { } problem)
            return Invalid(problem);
        return ChangeLimit(request, LimitArnIn(request, "/spending-limit/", "/update"), limit =>
        {
            var token = body["clientToken"]!.GetValue<string>();
            if (!limitTokens.TryAdd(token, limit.Arn))
                return limit;
            var period = body["timePeriod"];
            return limit with
            {
                Limit = body["spendingLimit"]?.GetValue<string>() ?? limit.Limit,
                StartAt = period?["startAt"]!.GetValue<long>() ?? limit.StartAt,
                EndAt = period?["endAt"]!.GetValue<long>() ?? limit.EndAt,
            };
        });
    }

    private ResponseMessage DeleteLimit(IRequestMessage request) =>
        ChangeLimit(request, LimitArnIn(request, "/spending-limit/", "/delete"), _ => null);

    private ResponseMessage TagLimit(IRequestMessage request)
    {
        var tags = JsonNode.Parse(request.Body!)!["tags"]?.AsObject();
        if (tags is null || tags.Count == 0)
            return Invalid("tags is required");
        return ChangeLimit(request, LimitArnIn(request, "/tags/", ""), limit =>
        {
            var merged = new Dictionary<string, string>(limit.Tags);
            foreach (var (key, value) in tags)
                merged[key] = value!.GetValue<string>();
            return limit with { Tags = merged };
        });
    }

    /// <summary>Applies a change to one limit of the request's region; null deletes it.</summary>
    private ResponseMessage ChangeLimit(IRequestMessage request, string arn, Func<FakeSpendingLimit, FakeSpendingLimit?> change)
    {
        lock (limitsGate)
        {
            var index = limits.FindIndex(l => l.Arn == arn && l.Region == RegionOf(request));
            if (index < 0)
                return Json(new { message = "Spending limit not found" }, HttpStatusCode.NotFound, "ResourceNotFoundException");
            if (change(limits[index]) is { } changed)
                limits[index] = changed;
            else
                limits.RemoveAt(index);
            return Json(new { });
        }
    }

    private static string LimitArnIn(IRequestMessage request, string prefix, string suffix)
    {
        var path = Uri.UnescapeDataString(request.Path);
        return path[prefix.Length..(path.Length - suffix.Length)];
    }

    private static string? TokenProblem(JsonNode body) =>
        body["clientToken"]?.GetValue<string>() is { Length: >= 1 and <= 64 } ? null : "clientToken must be 1 to 64 characters";

    private static string? AmountProblem(JsonNode body, bool required) =>
        body["spendingLimit"]?.GetValue<string>() switch
        {
            null => required ? "spendingLimit is required" : null,
            var amount when AmountPattern().IsMatch(amount) => null,
            var amount => $"spendingLimit '{amount}' does not match \\d+(\\.\\d{{1,2}})?",
        };

    private static string? PeriodProblem(JsonNode body, bool required)
    {
        var period = body["timePeriod"];
        if (period is null)
            return required ? "timePeriod is required" : null;
        var (start, end) = (period["startAt"], period["endAt"]);
        if (start is null || end is null)
            return "timePeriod needs startAt and endAt";
        return start.GetValue<long>() < end.GetValue<long>() ? null : "timePeriod must start before it ends";
    }

    private static ResponseMessage Invalid(string message) => Json(new { message }, HttpStatusCode.BadRequest, "ValidationException");

    private static string LimitArn(string region) => $"arn:aws:braket:{region}:{Tasks.Account}:spending-limit/{Guid.NewGuid():N}";

    private static string Money(decimal usd) => usd.ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d+(\.\d{1,2})?$")]
    private static partial Regex AmountPattern();
}
