using System.Runtime.CompilerServices;
using BraketBot.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BraketBot.Cli;

/// <summary>
/// The set-up, end to end, as the host would meet it: the configuration against the rules the host
/// applies at start, AWS (credentials and each permission), Slack (tokens, the alert channel), the
/// storage /readyz asks about, and whether charts can be drawn here. Nothing is changed anywhere; each check runs even when another failed.
/// </summary>
public sealed class Doctor(
    IServiceProvider services,
    IEnumerable<RequiredSetting> settings,
    AwsChecks aws,
    SlackChecks slack,
    ChartCheck chart,
    PriceCheck prices,
    HealthCheckService health,
    IOptions<HealthCheckServiceOptions> healthChecks
)
{
    public async IAsyncEnumerable<DoctorCheck> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var invalid = StartupValidation.ConfigurationFailures(services);
        foreach (var check in Configuration(invalid))
            yield return check;
        foreach (var check in Guarded("Settings", Completeness, invalid))
            yield return check;
        foreach (var check in await GuardedAsync("AWS", aws.RunAsync, invalid, cancellationToken))
            yield return check;
        foreach (var check in await GuardedAsync("Slack", slack.RunAsync, invalid, cancellationToken))
            yield return check;
        foreach (var check in await StorageAsync(cancellationToken))
            yield return check;
        foreach (var check in await GuardedAsync(PriceCheck.Name, prices.RunAsync, invalid, cancellationToken))
            yield return check;
        yield return chart.Run();
    }

    private static IEnumerable<DoctorCheck> Configuration(IReadOnlyList<string> invalid) =>
        invalid.Count == 0
            ? [DoctorCheck.Pass("Configuration", "every value passes the rules the host checks at start")]
            : invalid.Select(failure =>
                DoctorCheck.Fail(
                    "Configuration",
                    failure,
                    "correct that key in appsettings.json or in its environment variable (`__` for `:`, e.g. Slack__BotToken)"
                )
            );

    private IReadOnlyList<DoctorCheck> Completeness()
    {
        var missing = settings.Where(s => !s.IsSet()).ToList();
        return missing.Count == 0
            ? [DoctorCheck.Pass("Settings", "every setting BraketBot needs is set")]
            : missing
                .Select(s =>
                    DoctorCheck.Fail(
                        "Settings",
                        $"{s.Key} is not set: {s.Consequence}",
                        $"set {s.Key} (environment variable {Variable(s.Key)})"
                    )
                )
                .ToList();
    }

    /// <summary>The storage checks /readyz makes: job storage, and PostgreSQL when configured (the links are checked on their
    /// own).</summary>
    private async Task<IReadOnlyList<DoctorCheck>> StorageAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck>();
        var names = healthChecks.Value.Registrations.Where(r => r.Tags.Contains(Readiness.StorageTag)).Select(r => r.Name);
        foreach (var name in names)
        {
            string? failure;
            string detail;
            try
            {
                var entry = (await health.CheckHealthAsync(r => r.Name == name, cancellationToken)).Entries[name];
                failure =
                    entry.Status == HealthStatus.Healthy ? null : entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString();
                detail = entry.Description ?? "answers";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A storage that cannot even be built (a database that does not answer) fails here.
                failure = StartupValidation.Failures(e) is { } failures ? string.Join("; ", failures) : e.Message;
                detail = failure;
            }
            checks.Add(
                failure is null
                    ? DoctorCheck.Pass($"Storage ({name})", detail)
                    : DoctorCheck.Fail(
                        $"Storage ({name})",
                        failure,
                        "check Storage:Provider and ConnectionStrings:Postgres (host, port, user, password, database), and that the "
                            + "database accepts connections from this host"
                    )
            );
        }
        return checks;
    }

    private static IReadOnlyList<DoctorCheck> Guarded(string area, Func<IReadOnlyList<DoctorCheck>> run, IReadOnlyList<string> invalid)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (StartupValidation.Failures(e) is not null)
        {
            return [NotChecked(area, invalid)];
        }
    }

    private static async Task<IReadOnlyList<DoctorCheck>> GuardedAsync(
        string area,
        Func<CancellationToken, Task<IReadOnlyList<DoctorCheck>>> run,
        IReadOnlyList<string> invalid,
        CancellationToken cancellationToken
    )
    {
        try
        {
            return await run(cancellationToken);
        }
        catch (Exception e) when (StartupValidation.Failures(e) is not null)
        {
            return [NotChecked(area, invalid)];
        }
    }

    private static DoctorCheck NotChecked(string area, IReadOnlyList<string> invalid) =>
        DoctorCheck.Skip(
            area,
            invalid.Count > 0 ? "not checked until the configuration is valid" : "not checked: its settings cannot be read"
        );

    public static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
