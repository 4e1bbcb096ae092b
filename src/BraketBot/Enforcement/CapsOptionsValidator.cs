using BraketBot.Hosting;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

public sealed class CapsOptionsValidator : IValidateOptions<CapsOptions>
{
    public ValidateOptionsResult Validate(string? name, CapsOptions options)
    {
        var failures = new List<string>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            failures.Add($"Caps:TimeZone '{options.TimeZone}' is not a known IANA time zone (like Europe/Berlin or UTC).");
        CheckCaps("Caps", "Day", options.MaxShotsPerDay, options.MaxCostPerDay, failures);
        CheckCaps("Caps", "Month", options.MaxShotsPerMonth, options.MaxCostPerMonth, failures);
        foreach (var (device, caps) in options.Devices)
        {
            CheckCaps($"Caps:Devices:{device}", "Day", caps.MaxShotsPerDay, caps.MaxCostPerDay, failures);
            CheckCaps($"Caps:Devices:{device}", "Month", caps.MaxShotsPerMonth, caps.MaxCostPerMonth, failures);
        }
        foreach (var (device, usd) in options.MirroredLimits.Where(m => m.Usd is < 0.01m or > LimitAmount.Max))
            failures.Add($"Caps:Devices:{device}:MaxCostPerDay must be from $0.01 to ${LimitAmount.Max:#,0} when Caps:NativeLimits is Mirror (Braket takes it as the device's limit).");
        if (options.WarnAt is <= 0 or > 1 || double.IsNaN(options.WarnAt))
            failures.Add($"Caps:WarnAt must be a fraction above 0 and at most 1 (is {options.WarnAt}).");
        if (!IsHangfireCron(options.ReconcileCron))
            failures.Add($"Caps:ReconcileCron '{options.ReconcileCron}' is not a valid cron expression (five fields, or six with seconds).");
        if (!IsHangfireCron(options.RescanCron))
            failures.Add($"Caps:RescanCron '{options.RescanCron}' is not a valid cron expression (five fields, or six with seconds).");
        if (options.DigestCron is not null && !IsHangfireCron(options.DigestCron))
            failures.Add($"Caps:DigestCron '{options.DigestCron}' is not a valid cron expression (five fields, or six with seconds); leave it unset for no digest.");
        return failures.ToResult();
    }

    /// <summary>Asks Hangfire's own parser (it has no public one) by scheduling on a throwaway storage.</summary>
    private static bool IsHangfireCron(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return false;
        using var storage = new InMemoryStorage();
        try
        {
            new RecurringJobManager(storage).AddOrUpdate("cron-check", () => Console.WriteLine(), cron);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CheckCaps(string prefix, string period, long? shots, decimal? cost, List<string> failures)
    {
        if (shots is < 0) failures.Add($"{prefix}:MaxShotsPer{period} must not be negative (is {shots}).");
        if (cost is < 0) failures.Add($"{prefix}:MaxCostPer{period} must not be negative (is {cost}).");
    }
}
