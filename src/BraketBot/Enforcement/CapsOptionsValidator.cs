using System.Text.RegularExpressions;
using BraketBot.Hosting;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Options;

namespace BraketBot.Enforcement;

public sealed partial class CapsOptionsValidator : IValidateOptions<CapsOptions>
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
        foreach (var (budgetName, budget) in options.Budgets)
            CheckBudget(budgetName, budget, failures);
        foreach (var (device, usd) in options.MirroredLimits.Where(m => m.Usd is < 0.01m or > LimitAmount.Max))
            failures.Add(
                $"Caps:Devices:{device}:MaxCostPerDay must be from $0.01 to ${LimitAmount.Max:#,0} when Caps:NativeLimits is Mirror "
                    + $"(Braket takes it as the device's limit)."
            );
        if (options.WarnAt is <= 0 or > 1 || double.IsNaN(options.WarnAt))
            failures.Add($"Caps:WarnAt must be a fraction above 0 and at most 1 (is {options.WarnAt}).");
        if (!IsHangfireCron(options.ReconcileCron))
            failures.Add(
                $"Caps:ReconcileCron '{options.ReconcileCron}' is not a valid cron expression (five fields, or six with seconds)."
            );
        if (!IsHangfireCron(options.RescanCron))
            failures.Add($"Caps:RescanCron '{options.RescanCron}' is not a valid cron expression (five fields, or six with seconds).");
        if (options.DigestCron is not null && !IsHangfireCron(options.DigestCron))
            failures.Add(
                $"Caps:DigestCron '{options.DigestCron}' is not a valid cron expression (five fields, or six with seconds); leave it "
                    + $"unset for no digest."
            );
        return failures.ToResult();
    }

    /// <summary>Asks Hangfire's own parser (it has no public one) by scheduling on a throwaway storage.</summary>
    private static bool IsHangfireCron(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
            return false;
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

    /// <summary>One clear line per mistake in a budget: its tag, its caps, its channel, its admins.</summary>
    private static void CheckBudget(string name, BudgetCaps budget, List<string> failures)
    {
        var prefix = $"{CapsOptions.BudgetsSection}:{name}";
        if (!TaskTag.TryParse(budget.Tag, out _))
            failures.Add($"{prefix}:Tag must be key=value, the task tag of the team's tasks (like team=alpha); it is '{budget.Tag}'.");
        if (!budget.AnyCap)
            failures.Add($"{prefix} has no cap: set at least one of MaxShotsPerDay, MaxCostPerDay, MaxShotsPerMonth, MaxCostPerMonth.");
        CheckCaps(prefix, "Day", budget.MaxShotsPerDay, budget.MaxCostPerDay, failures);
        CheckCaps(prefix, "Month", budget.MaxShotsPerMonth, budget.MaxCostPerMonth, failures);
        if (budget.Channel is { } channel && !ChannelId().IsMatch(channel))
            failures.Add(
                $"{prefix}:Channel '{channel}' is not a Slack channel id (like C0123ABCD; in Slack: the channel's details, at the end)."
            );
        if (budget.Devices.Any(string.IsNullOrWhiteSpace))
            failures.Add($"{prefix}:Devices must list device names, without empty entries.");
        if (budget.Admins.Any(a => !UserId().IsMatch(a)))
            failures.Add($"{prefix}:Admins must list Slack user ids (like U0123ABCD), without empty entries.");
    }

    /// <summary>A Slack conversation id: public (C…) or private (G…) channel.</summary>
    [GeneratedRegex("^[CG][A-Z0-9]{2,}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();

    private static void CheckCaps(string prefix, string period, long? shots, decimal? cost, List<string> failures)
    {
        if (shots is < 0)
            failures.Add($"{prefix}:MaxShotsPer{period} must not be negative (is {shots}).");
        if (cost is < 0)
            failures.Add($"{prefix}:MaxCostPer{period} must not be negative (is {cost}).");
    }
}
