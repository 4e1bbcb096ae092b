using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using BraketBot.Hosting;
using BraketBot.Ports;
using BraketBot.Telemetry;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BraketBot.Braket;

/// <summary>
/// Typed HttpClient over Braket's REST-JSON API. Each call first waits for its quota token; the
/// resilience handler retries 429 and 5xx with backoff; <see cref="SigV4Handler"/> signs each attempt.
/// </summary>
[HotPath]
public sealed partial class BraketClient(
    HttpClient http,
    IOptionsMonitor<BraketOptions> options,
    QuotaLimiter limiter,
    BraketBotMetrics metrics,
    TimeProvider time,
    ILogger<BraketClient> logger
) : IBraketApi
{
    public async Task<BraketResult<QuantumTaskPage>> SearchQuantumTasksAsync(
        string region,
        IReadOnlyList<QuantumTaskFilter> filters,
        string? nextToken,
        int maxResults,
        CancellationToken cancellationToken
    )
    {
        var result = await SearchAsync<SearchQuantumTasksResponse>(
            BraketOperations.SearchQuantumTasks,
            region,
            "quantum-tasks",
            filters,
            nextToken,
            maxResults,
            cancellationToken
        );
        return result.IsSuccess
            ? new QuantumTaskPage(result.Value!.QuantumTasks.Select(t => t.ToSummary()).ToList(), result.Value.NextToken)
            : result.Error!;
    }

    public async Task<BraketResult<QuantumTaskSummary>> GetQuantumTaskAsync(QuantumTaskArn arn, CancellationToken cancellationToken)
    {
        var result = await SendAsync<GetQuantumTaskResponse>(
            BraketOperations.GetQuantumTask,
            arn.Region,
            HttpMethod.Get,
            $"quantum-task/{Uri.EscapeDataString(arn.Value)}",
            null,
            cancellationToken
        );
        return result.IsSuccess ? result.Value!.ToSummary() : result.Error!;
    }

    public async Task<BraketResult<CancellationStatus>> CancelQuantumTaskAsync(
        QuantumTaskArn arn,
        string clientToken,
        CancellationToken cancellationToken
    )
    {
        var result = await SendAsync<CancelQuantumTaskResponse>(
            BraketOperations.CancelQuantumTask,
            arn.Region,
            HttpMethod.Put,
            $"quantum-task/{Uri.EscapeDataString(arn.Value)}/cancel",
            new CancelRequest(clientToken),
            cancellationToken
        );
        return result.IsSuccess
            ? CancellationStatusOf(BraketOperations.CancelQuantumTask, result.Value!.CancellationStatus)
            : result.Error!;
    }

    private static BraketResult<CancellationStatus> CancellationStatusOf(string operation, string wire) =>
        Enum.TryParse<CancellationStatus>(wire, ignoreCase: true, out var status)
            ? status
            : new BraketError(BraketErrorKind.Unexpected, operation, $"cancellation status '{wire}'");

    public async Task<BraketResult<HybridJob>> GetJobAsync(HybridJobArn arn, CancellationToken cancellationToken)
    {
        var result = await SendAsync<GetJobResponse>(
            BraketOperations.GetJob,
            arn.Region,
            HttpMethod.Get,
            $"job/{Uri.EscapeDataString(arn.Value)}",
            null,
            cancellationToken
        );
        return result.IsSuccess ? result.Value!.ToJob() : result.Error!;
    }

    public async Task<BraketResult<HybridJobPage>> SearchJobsAsync(
        string region,
        IReadOnlyList<QuantumTaskFilter> filters,
        string? nextToken,
        int maxResults,
        CancellationToken cancellationToken
    )
    {
        var result = await SearchAsync<SearchJobsResponse>(
            BraketOperations.SearchJobs,
            region,
            "jobs",
            filters,
            nextToken,
            maxResults,
            cancellationToken
        );
        return result.IsSuccess
            ? new HybridJobPage(result.Value!.Jobs.Select(j => j.ToJob()).ToList(), result.Value.NextToken)
            : result.Error!;
    }

    public async Task<BraketResult<CancellationStatus>> CancelJobAsync(HybridJobArn arn, CancellationToken cancellationToken)
    {
        var result = await SendAsync<CancelJobResponse>(
            BraketOperations.CancelJob,
            arn.Region,
            HttpMethod.Put,
            $"job/{Uri.EscapeDataString(arn.Value)}/cancel",
            null,
            cancellationToken
        );
        return result.IsSuccess ? CancellationStatusOf(BraketOperations.CancelJob, result.Value!.CancellationStatus) : result.Error!;
    }

    public async Task<BraketResult<IReadOnlyList<DeviceSummary>>> SearchDevicesAsync(string region, CancellationToken cancellationToken)
    {
        var devices = new List<DeviceSummary>();
        string? nextToken = null;
        var tokens = new PageTokens(BraketOperations.SearchDevices);
        do
        {
            var page = await SendAsync<SearchDevicesResponse>(
                BraketOperations.SearchDevices,
                region,
                HttpMethod.Post,
                "devices",
                new SearchRequest([], QuantumTaskPage.MaxSize, nextToken),
                cancellationToken
            );
            if (!page.IsSuccess)
                return page.Error!;
            devices.AddRange(page.Value!.Devices);
            nextToken = page.Value.NextToken;
            if (tokens.Repeated(nextToken) is { } repeated)
                return repeated;
        } while (nextToken is not null);
        return devices;
    }

    public async Task<BraketResult<IReadOnlyList<SpendingLimit>>> SearchSpendingLimitsAsync(
        string region,
        CancellationToken cancellationToken
    )
    {
        var limits = new List<SpendingLimit>();
        string? nextToken = null;
        var tokens = new PageTokens(BraketOperations.SearchSpendingLimits);
        do
        {
            var page = await SendAsync<SearchSpendingLimitsResponse>(
                BraketOperations.SearchSpendingLimits,
                region,
                HttpMethod.Post,
                "spending-limits",
                new SearchRequest(null, QuantumTaskPage.MaxSize, nextToken),
                cancellationToken
            );
            if (!page.IsSuccess)
                return page.Error!;
            limits.AddRange(page.Value!.SpendingLimits.Select(l => l.ToLimit()));
            nextToken = page.Value.NextToken;
            if (tokens.Repeated(nextToken) is { } repeated)
                return repeated;
        } while (nextToken is not null);
        return limits;
    }

    public async Task<BraketResult<string>> CreateSpendingLimitAsync(
        DeviceArn device,
        decimal usd,
        LimitPeriod period,
        IReadOnlyDictionary<string, string> tags,
        string clientToken,
        CancellationToken cancellationToken
    )
    {
        var body = new CreateSpendingLimitRequest(clientToken, device.Value, LimitAmount.Wire(usd), TimePeriodWire.From(period), tags);
        var result = await SendAsync<CreateSpendingLimitResponse>(
            BraketOperations.CreateSpendingLimit,
            device.Region,
            HttpMethod.Post,
            "spending-limit",
            body,
            cancellationToken
        );
        return result.IsSuccess ? result.Value!.SpendingLimitArn : result.Error!;
    }

    public Task<BraketResult<SpendingLimitChanged>> UpdateSpendingLimitAsync(
        string spendingLimitArn,
        decimal usd,
        LimitPeriod period,
        string clientToken,
        CancellationToken cancellationToken
    ) =>
        ChangeAsync(
            BraketOperations.UpdateSpendingLimit,
            spendingLimitArn,
            HttpMethod.Patch,
            $"spending-limit/{Uri.EscapeDataString(spendingLimitArn)}/update",
            new UpdateSpendingLimitRequest(clientToken, LimitAmount.Wire(usd), TimePeriodWire.From(period)),
            cancellationToken
        );

    public Task<BraketResult<SpendingLimitChanged>> DeleteSpendingLimitAsync(
        string spendingLimitArn,
        CancellationToken cancellationToken
    ) =>
        ChangeAsync(
            BraketOperations.DeleteSpendingLimit,
            spendingLimitArn,
            HttpMethod.Delete,
            $"spending-limit/{Uri.EscapeDataString(spendingLimitArn)}/delete",
            null,
            cancellationToken
        );

    public Task<BraketResult<SpendingLimitChanged>> TagResourceAsync(
        string resourceArn,
        IReadOnlyDictionary<string, string> tags,
        CancellationToken cancellationToken
    ) =>
        ChangeAsync(
            BraketOperations.TagResource,
            resourceArn,
            HttpMethod.Post,
            $"tags/{Uri.EscapeDataString(resourceArn)}",
            new TagResourceRequest(tags),
            cancellationToken
        );

    /// <summary>A change to one limit, sent to the limit's own region; Braket answers it with an empty body.</summary>
    private async Task<BraketResult<SpendingLimitChanged>> ChangeAsync(
        string operation,
        string spendingLimitArn,
        HttpMethod method,
        string path,
        object? body,
        CancellationToken cancellationToken
    )
    {
        var region = Arns.RegionOf(spendingLimitArn);
        if (region.Length == 0)
            return new BraketError(BraketErrorKind.Validation, operation, "not a spending limit ARN");
        var result = await SendAsync<EmptyResponse>(operation, region, method, path, body, cancellationToken);
        return result.IsSuccess ? new SpendingLimitChanged(spendingLimitArn) : result.Error!;
    }

    /// <summary>One page of a filtered search (tasks or jobs share the request's shape and page size).</summary>
    private Task<BraketResult<T>> SearchAsync<T>(
        string operation,
        string region,
        string path,
        IReadOnlyList<QuantumTaskFilter> filters,
        string? nextToken,
        int maxResults,
        CancellationToken cancellationToken
    )
        where T : class =>
        SendAsync<T>(
            operation,
            region,
            HttpMethod.Post,
            path,
            new SearchRequest(filters.Select(FilterWire.From).ToList(), Math.Clamp(maxResults, 1, QuantumTaskPage.MaxSize), nextToken),
            cancellationToken
        );

    private async Task<BraketResult<T>> SendAsync<T>(
        string operation,
        string region,
        HttpMethod method,
        string path,
        object? body,
        CancellationToken cancellationToken
    )
        where T : class
    {
        try
        {
            var waiting = time.GetTimestamp();
            await limiter.WaitAsync(region, operation, cancellationToken);
            metrics.QuotaWait(operation, time.GetElapsedTime(waiting));
            using var request = new HttpRequestMessage(method, new Uri(options.CurrentValue.EndpointFor(region), path));
            request.Options.Set(SigV4Handler.Region, region);
            request.Options.Set(BraketCallMetrics.Operation, operation);
            if (body is not null)
                request.Content = JsonContent.Create(body, body.GetType(), options: BraketWire.Json);

            using var response = await SendAsync(region, operation, request, cancellationToken);
            if (response.IsSuccessStatusCode && typeof(T) == typeof(EmptyResponse))
                return (T)(object)EmptyResponse.Instance; // whatever the body, success is the answer
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(BraketWire.Json, cancellationToken);
                return value is null ? new BraketError(BraketErrorKind.Unexpected, operation, "empty answer") : value;
            }
            var error = await ReadErrorAsync(operation, response, cancellationToken);
            LogFailed(operation, region, error.Kind, error.Message);
            return error;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Describe(operation, e) is { } error)
        {
            LogFailed(operation, region, error.Kind, error.Message);
            return error;
        }
    }

    /// <summary>Sends one call; its answer, or its failure, tells the limiter that Braket's bucket has seen it by now.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        string region,
        string operation,
        HttpRequestMessage request,
        CancellationToken cancellationToken
    )
    {
        var sentAt = time.GetTimestamp();
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        finally
        {
            limiter.Answered(region, operation, sentAt);
        }
    }

    private static BraketError? Describe(string operation, Exception exception) =>
        exception switch
        {
            AmazonClientException e => new BraketError(BraketErrorKind.NoCredentials, operation, e.Message),
            HttpRequestException or TimeoutRejectedException or TaskCanceledException or BrokenCircuitException => new BraketError(
                BraketErrorKind.Unavailable,
                operation,
                exception.Message
            ),
            JsonException e => new BraketError(BraketErrorKind.Unexpected, operation, $"unreadable answer: {e.Message}"),
            _ => null,
        };

    /// <summary>AWS's answers to a request it could not authenticate (as opposed to one it authenticated and does not allow).</summary>
    private static readonly HashSet<string> CredentialErrors = new(StringComparer.Ordinal)
    {
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "IncompleteSignatureException",
        "SignatureDoesNotMatch",
        "InvalidClientTokenId",
        "ExpiredTokenException",
        "MissingAuthenticationTokenException",
    };

    private static async Task<BraketError> ReadErrorAsync(
        string operation,
        HttpResponseMessage response,
        CancellationToken cancellationToken
    )
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = ErrorWire.Message(text)
            ?? (string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "" : text[..Math.Min(text.Length, 300)]);
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : "";
        var kind = (response.StatusCode, type) switch
        {
            (_, var refused) when CredentialErrors.Contains(refused) => BraketErrorKind.CredentialsRefused,
            (_, "ThrottlingException") or (HttpStatusCode.TooManyRequests, _) => BraketErrorKind.Throttled,
            (_, "ResourceNotFoundException") or (HttpStatusCode.NotFound, _) => BraketErrorKind.NotFound,
            (_, "ConflictException") or (HttpStatusCode.Conflict, _) => BraketErrorKind.Conflict,
            (_, "AccessDeniedException") or (HttpStatusCode.Forbidden, _) => BraketErrorKind.AccessDenied,
            (_, "ValidationException") or (HttpStatusCode.BadRequest, _) => BraketErrorKind.Validation,
            (var status, _) when status >= HttpStatusCode.InternalServerError => BraketErrorKind.Unavailable,
            _ => BraketErrorKind.Unexpected,
        };
        return new BraketError(kind, operation, message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Braket {Operation} in {Region} failed: {Kind} {Message}")]
    private partial void LogFailed(string operation, string region, BraketErrorKind kind, string message);
}
