using Amazon.Runtime;
using BraketBot.Braket;
using BraketBot.Ports;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Cli;

/// <summary>
/// AWS for `doctor`: credentials found (and from which link of the SDK's chain), accepted by Braket in
/// every watched region, and each action BraketBot calls allowed there. Every call is harmless: the
/// searches match nothing new, and the task that is looked up and cancelled cannot exist, so Braket
/// answers "not found" where IAM allows the action and "access denied" where it does not.
/// </summary>
public sealed class AwsChecks(
    IAwsCredentialsSource credentials,
    IBraketApi braket,
    IOptionsMonitor<WatchOptions> watch,
    IOptionsMonitor<BraketOptions> braketOptions,
    TimeProvider time
)
{
    private const string PolicyFix = "attach deploy/iam-policy.json to BraketBot's IAM user or role";

    /// <summary>The actions BraketBot calls, each with a call that proves it allowed or denied and changes nothing.</summary>
    private IReadOnlyList<(string Action, Func<string, CancellationToken, Task<BraketError?>> Try)> Actions =>
        [
            (BraketOperations.SearchQuantumTasks, async (region, ct) =>
                (
                    await braket.SearchQuantumTasksAsync(
                        region,
                        [QuantumTaskFilter.CreatedAt(FilterOperator.Gte, time.GetUtcNow())],
                        null,
                        1,
                        ct
                    )
                ).Error
            ),
            (BraketOperations.GetQuantumTask, async (region, ct) => Allowed(await braket.GetQuantumTaskAsync(NoSuchTask(region), ct))),
            (BraketOperations.CancelQuantumTask, async (region, ct) =>
                Allowed(await braket.CancelQuantumTaskAsync(NoSuchTask(region), Guid.NewGuid().ToString(), ct))
            ),
            (BraketOperations.SearchDevices, async (region, ct) => (await braket.SearchDevicesAsync(region, ct)).Error),
            (BraketOperations.SearchSpendingLimits, async (region, ct) => (await braket.SearchSpendingLimitsAsync(region, ct)).Error),
            // The limit writes, tried on a device and a limit that do not exist: Braket refuses them as such once IAM lets them through.
            (BraketOperations.CreateSpendingLimit, async (region, ct) =>
                Allowed(
                    await braket.CreateSpendingLimitAsync(
                        NoSuchDevice(region),
                        1m,
                        LimitPeriod.Current(LimitRenewal.Day, time.GetUtcNow(), TimeZoneInfo.Utc),
                        new Dictionary<string, string>(),
                        Guid.NewGuid().ToString("N"),
                        ct
                    )
                )
            ),
            (BraketOperations.UpdateSpendingLimit, async (region, ct) =>
                Allowed(
                    await braket.UpdateSpendingLimitAsync(
                        NoSuchLimit(region),
                        1m,
                        LimitPeriod.Current(LimitRenewal.Day, time.GetUtcNow(), TimeZoneInfo.Utc),
                        Guid.NewGuid().ToString("N"),
                        ct
                    )
                )
            ),
            (BraketOperations.DeleteSpendingLimit, async (region, ct) =>
                Allowed(await braket.DeleteSpendingLimitAsync(NoSuchLimit(region), ct))
            ),
            (BraketOperations.TagResource, async (region, ct) =>
                Allowed(await braket.TagResourceAsync(NoSuchLimit(region), LimitTags.For(LimitRenewal.Day), ct))
            ),
            (BraketOperations.GetJob, async (region, ct) => Allowed(await braket.GetJobAsync(NoSuchJob(region), ct))),
            (BraketOperations.SearchJobs, async (region, ct) =>
                (
                    await braket.SearchJobsAsync(region, [QuantumTaskFilter.CreatedAt(FilterOperator.Gte, time.GetUtcNow())], null, 1, ct)
                ).Error
            ),
            (BraketOperations.CancelJob, async (region, ct) => Allowed(await braket.CancelJobAsync(NoSuchJob(region), ct))),
        ];

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        string source;
        try
        {
            source = await credentials.DescribeAsync(cancellationToken);
        }
        catch (AmazonClientException)
        {
            return
            [
                DoctorCheck.Fail(
                    "AWS credentials",
                    "none found in the AWS SDK's default chain (environment, profile, SSO, web identity, container or instance role)",
                    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), or AWS_PROFILE, or give "
                        + "the host a role"
                ),
                DoctorCheck.Skip("Braket permissions", "not checked without credentials"),
            ];
        }

        var checks = new List<DoctorCheck> { DoctorCheck.Pass("AWS credentials", $"found: {source}") };
        var regions = watch.CurrentValue.EffectiveRegions;
        foreach (var region in regions)
            checks.Add(Accepted(region, (await braket.SearchDevicesAsync(region, cancellationToken)).Error));
        if (checks.Any(c => c.Status == CheckStatus.Fail))
        {
            checks.Add(DoctorCheck.Skip("Braket permissions", "not checked until Braket accepts the credentials in every region"));
            return checks;
        }
        foreach (var (action, attempt) in Actions)
        {
            var answers = new List<(string Region, BraketError? Error)>();
            foreach (var region in regions)
                answers.Add((region, await attempt(region, cancellationToken)));
            checks.Add(Permission(action, answers));
        }
        return checks;
    }

    private DoctorCheck Accepted(string region, BraketError? error)
    {
        var name = $"Braket in {region}";
        return error?.Kind switch
        {
            // Refused access to an action means the credentials themselves were accepted.
            null or BraketErrorKind.AccessDenied => DoctorCheck.Pass(name, "the credentials are accepted"),
            BraketErrorKind.CredentialsRefused or BraketErrorKind.NoCredentials => DoctorCheck.Fail(
                name,
                $"AWS refused the credentials: {error.Message}",
                "check that AWS_SECRET_ACCESS_KEY belongs to AWS_ACCESS_KEY_ID (and AWS_SESSION_TOKEN is current for temporary keys), or "
                    + "renew the session"
            ),
            BraketErrorKind.Unavailable => DoctorCheck.Fail(
                name,
                $"Braket could not be reached at {braketOptions.CurrentValue.EndpointFor(region)} ({error.Message})",
                "check the network, the region's name in Braket:Regions, and Braket:ServiceUrl if it is set"
            ),
            _ => DoctorCheck.Fail(
                name,
                error.Describe(),
                "try again in a minute; if it persists, the log (--verbose) shows Braket's answer"
            ),
        };
    }

    private DoctorCheck Permission(string action, IReadOnlyList<(string Region, BraketError? Error)> answers)
    {
        var name = $"braket:{action}";
        var denied = answers.Where(a => a.Error?.Kind == BraketErrorKind.AccessDenied).Select(a => a.Region).ToList();
        if (denied.Count > 0)
            return DoctorCheck.Fail(
                name,
                $"denied in {string.Join(", ", denied)}",
                PolicyFix
                    + (
                        action == BraketOperations.CancelQuantumTask && watch.CurrentValue.AccountId is null
                            ? "; if the policy names the account, set Braket:AccountId, so that this check asks about a task of that "
                                + "account"
                            : ""
                    )
            );
        if (answers.FirstOrDefault(a => a.Error is not null) is { Error: { } error } failed)
            return DoctorCheck.Fail(name, $"could not be checked in {failed.Region}: {error.Describe()}", "try again in a minute");
        return DoctorCheck.Pass(name, $"allowed in {string.Join(", ", answers.Select(a => a.Region))}");
    }

    /// <summary>"Not found" (or a refusal of the made-up task) means IAM let the call through.</summary>
    private static BraketError? Allowed<T>(BraketResult<T> result) =>
        result.Error is { Kind: BraketErrorKind.NotFound or BraketErrorKind.Validation or BraketErrorKind.Conflict } ? null : result.Error;

    private static DeviceArn NoSuchDevice(string region) =>
        new($"arn:aws:braket:{region}::device/qpu/braketbot/doctor-check", region, "qpu", "braketbot", "doctor-check");

    private string NoSuchLimit(string region) =>
        $"arn:aws:braket:{region}:{watch.CurrentValue.AccountId ?? "000000000000"}:spending-limit/00000000-0000-4000-8000-0000d0c70000";

    private HybridJobArn NoSuchJob(string region)
    {
        var account = watch.CurrentValue.AccountId ?? "000000000000";
        return new HybridJobArn($"arn:aws:braket:{region}:{account}:job/braketbot-doctor-check", region, account, "braketbot-doctor-check");
    }

    private QuantumTaskArn NoSuchTask(string region)
    {
        var account = watch.CurrentValue.AccountId ?? "000000000000";
        const string id = "00000000-0000-4000-8000-0000d0c70000";
        return new QuantumTaskArn($"arn:aws:braket:{region}:{account}:quantum-task/{id}", region, account, id);
    }
}
