using System.Text.Json;
using System.Text.Json.Nodes;
using BraketBot.Budgets;
using BraketBot.Cancel;
using BraketBot.Caps;
using BraketBot.Info;
using BraketBot.Limits;

namespace BraketBot.Cli;

/// <summary>The commands' results as JSON for scripts and notebooks: numbers as numbers, days as YYYY-MM-DD, no markup.</summary>
public static class JsonViews
{
    public static JsonObject Ok(JsonObject body)
    {
        body.Insert(0, "ok", true);
        return body;
    }

    public static JsonObject Problem(string problem) => new() { ["ok"] = false, ["error"] = TerminalText.Plain(problem) };

    public static JsonObject Info(InfoReport report) =>
        new()
        {
            ["day"] = report.Usage.Window.Day.ToString(),
            ["timeZone"] = report.TimeZone,
            ["device"] = report.Device?.DeviceName,
            ["regions"] = Array(report.Regions.Select(r => (JsonNode?)r)),
            ["prices"] = report.Prices,
            ["devices"] = Array(report.Sections.Select(d => (JsonNode?)Device(d, report))),
            ["accountCaps"] = Array(report.AccountCaps.Select(s => (JsonNode?)Standing(s))),
            ["ledger"] = report.Freshness is { } fresh
                ? new JsonObject { ["lastEvent"] = fresh.LastEvent, ["lastScan"] = fresh.LastScan }
                : null,
        };

    public static JsonObject Caps(CapsReport report) =>
        new()
        {
            ["day"] = report.Today.Day.ToString(),
            ["timeZone"] = report.Caps.TimeZone,
            ["basis"] = report.Caps.Basis.ToString(),
            ["action"] = report.Caps.Action.ToString(),
            ["warnAt"] = report.Caps.WarnAt,
            ["caps"] = Array(report.Standings.Select(s => (JsonNode?)Standing(s))),
        };

    public static JsonObject Budgets(BudgetsReport report) =>
        new()
        {
            ["day"] = report.Today.Day.ToString(),
            ["timeZone"] = report.Caps.TimeZone,
            ["budgets"] = Array(
                report.Budgets.Select(b =>
                    (JsonNode?)
                        new JsonObject
                        {
                            ["name"] = b.Scope.Name,
                            ["tag"] = b.Scope.Tag.ToString(),
                            ["devices"] = Array(b.Scope.Devices.Select(d => (JsonNode?)d)),
                            ["channel"] = b.Channel,
                            ["usage"] = BudgetUsage(b.Usage, report.Caps.Basis),
                            ["caps"] = Array(b.Standings.Select(s => (JsonNode?)Standing(s))),
                        }
                )
            ),
            ["untagged"] = BudgetUsage(report.Rest, report.Caps.Basis),
            ["missingDays"] = Array(report.MissingDays.Select(d => (JsonNode?)d.ToString())),
        };

    private static JsonObject BudgetUsage(BudgetUsage usage, CapBasis basis)
    {
        var (dayShots, dayCost) = Domain.BudgetUsage.Totals(usage.Day.Devices, basis);
        var (monthShots, monthCost) = Domain.BudgetUsage.Totals(usage.Month ?? [], basis);
        return new JsonObject
        {
            ["dayShots"] = dayShots,
            ["dayCost"] = dayCost,
            ["monthShots"] = monthShots,
            ["monthCost"] = monthCost,
        };
    }

    public static JsonObject Limits(LimitsReport report) =>
        new()
        {
            ["limits"] = Array(
                report.Limits.Select(l =>
                    (JsonNode?)
                        new JsonObject
                        {
                            ["device"] = l.Device.DeviceName,
                            ["deviceArn"] = l.Limit.DeviceArn,
                            ["spendingLimitArn"] = l.Limit.SpendingLimitArn,
                            ["limit"] = l.Limit.Limit,
                            ["queuedSpend"] = l.Limit.QueuedSpend,
                            ["totalSpend"] = l.Limit.TotalSpend,
                            ["periodStart"] = l.Limit.Period.Start,
                            ["periodEnd"] = l.Limit.Period.End,
                            ["renewal"] = l.Limit.Renewal?.ToString(),
                        }
                )
            ),
        };

    public static JsonObject Cancelled(CancelReport report) =>
        new()
        {
            ["task"] = report.Outcome.Task.QuantumTaskArn,
            ["device"] = report.Device.DeviceName,
            ["shots"] = report.Outcome.Task.Shots,
            ["result"] = report.Outcome.Result.ToString(),
            ["detail"] = report.Outcome.Detail,
            ["at"] = report.At,
        };

    /// <summary>A "cancel queued" run: what it set out to cancel, and what became of each task.</summary>
    public static JsonObject Run(EnforcementRun run)
    {
        var cancelled = run.Tasks.Where(t => t.State == RunTaskState.Cancelled).ToList();
        return new JsonObject
        {
            ["device"] = run.Scope?.Describe(),
            ["day"] = run.Day.ToString(),
            ["tasks"] = run.Tasks.Count,
            ["cancelled"] = cancelled.Count,
            ["shotsCancelled"] = cancelled.Sum(t => t.Shots),
            ["costSaved"] = cancelled.Sum(t => t.Cost ?? 0m),
            ["results"] = Array(
                run.Tasks.Select(t =>
                    (JsonNode?)
                        new JsonObject
                        {
                            ["task"] = t.Arn,
                            ["device"] = t.DeviceName,
                            ["shots"] = t.Shots,
                            ["state"] = t.State.ToString(),
                            ["detail"] = t.Detail,
                        }
                )
            ),
        };
    }

    public static JsonObject Doctor(IReadOnlyList<DoctorCheck> checks) =>
        new()
        {
            ["ok"] = checks.All(c => c.Status != CheckStatus.Fail),
            ["checks"] = Array(
                checks.Select(c =>
                    (JsonNode?)
                        new JsonObject
                        {
                            ["check"] = c.Name,
                            ["status"] = c.Status.ToString().ToLowerInvariant(),
                            ["detail"] = c.Detail,
                            ["fix"] = c.Fix,
                        }
                )
            ),
        };

    private static JsonObject Device(DeviceUsage usage, InfoReport report)
    {
        var statuses = new JsonObject();
        foreach (var status in QuantumTaskStatuses.All)
            statuses[status.ToWire()] = Tally(usage[status]);
        return new JsonObject
        {
            ["device"] = usage.Device.DeviceName,
            ["deviceArn"] = usage.Device.DeviceArn,
            ["provider"] = usage.Device.ProviderName,
            ["region"] = usage.Device.Region.Length > 0 ? usage.Device.Region : null,
            ["statuses"] = statuses,
            ["total"] = Tally(usage.Sum(QuantumTaskStatuses.All)),
            ["perTask"] = usage.PerShot is null ? null : usage.PerTask,
            ["perShot"] = usage.PerShot,
            // priceList, builtInTable, configured, highestQpuPrice (an estimate); null for a simulator, billed per minute, not estimated.
            ["priceOrigin"] = usage.Origin is { } origin ? JsonNamingPolicy.CamelCase.ConvertName(origin.ToString()) : null,
            ["retired"] = BuiltInPrices.IsRetired(usage.Device),
            ["spentCost"] = usage.SpentCost,
            ["queuedCost"] = usage.QueuedCost,
            // The hybrid jobs' instances on the device this day, as the cost caps count them.
            ["instanceCost"] = usage.InstanceCost,
            ["reservations"] = Array(
                report
                    .Reservations.Where(r => r.DeviceArn == usage.Device.DeviceArn)
                    .Select(r =>
                        (JsonNode?)
                            new JsonObject
                            {
                                ["reservationArn"] = r.ReservationArn,
                                ["tasks"] = r.Tasks,
                                ["shots"] = r.Shots,
                                ["queued"] = r.Queued,
                            }
                    )
            ),
            ["caps"] = Array(report.DeviceCaps(usage.Device).Select(s => (JsonNode?)Standing(s))),
            // Counted shots and cost per budget (null: untagged, in no budget); null when no budgets are configured.
            ["byBudget"] = report.ByBudget is { } split
                ? Array(
                    split
                        .On(usage.Device)
                        .Select(s =>
                            (JsonNode?)
                                new JsonObject
                                {
                                    ["budget"] = s.Budget,
                                    ["shots"] = s.Shots,
                                    ["cost"] = s.Cost,
                                }
                        )
                )
                : null,
        };
    }

    private static JsonObject Tally(StatusTally tally) => new() { ["tasks"] = tally.Tasks, ["shots"] = tally.Shots };

    private static JsonObject Standing(CapStanding standing) =>
        new()
        {
            ["scope"] = standing.Cap.Scope.Describe(),
            ["metric"] = standing.Cap.Metric.ToString().ToLowerInvariant(),
            ["period"] = standing.Cap.Period.ToString().ToLowerInvariant(),
            ["limit"] = standing.Cap.Limit,
            ["used"] = standing.Used,
            ["fraction"] = double.IsFinite(standing.Fraction) ? Math.Round(standing.Fraction, 4) : null,
            ["level"] = standing.Level?.ToString().ToLowerInvariant(),
        };

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());
}
