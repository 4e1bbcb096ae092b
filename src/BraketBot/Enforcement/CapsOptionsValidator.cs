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
        CheckCaps("Caps", options.MaxShotsPerDay, options.MaxCostPerDay, failures);
        foreach (var (device, caps) in options.Devices)
            CheckCaps($"Caps:Devices:{device}", caps.MaxShotsPerDay, caps.MaxCostPerDay, failures);
        if (options.WarnAt is <= 0 or > 1 || double.IsNaN(options.WarnAt))
            failures.Add($"Caps:WarnAt must be a fraction above 0 and at most 1 (is {options.WarnAt}).");
        if (!IsHangfireCron(options.ReconcileCron))
            failures.Add($"Caps:ReconcileCron '{options.ReconcileCron}' is not a valid cron expression (five fields, or six with seconds).");
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

    private static void CheckCaps(string prefix, long? shots, decimal? cost, List<string> failures)
    {
        if (shots is < 0) failures.Add($"{prefix}:MaxShotsPerDay must not be negative (is {shots}).");
        if (cost is < 0) failures.Add($"{prefix}:MaxCostPerDay must not be negative (is {cost}).");
    }
}
