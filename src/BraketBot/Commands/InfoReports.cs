using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>The info report of a day, for /braket info, its Refresh button and the terminal's info.</summary>
public sealed class InfoReports(DayScanner scanner, DeviceCatalog catalog, Pricing pricing, IOptionsMonitor<CapsOptions> capsOptions)
{
    public async Task<SlashReply> InfoAsync(Day day, string? deviceQuery, CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(day, deviceQuery, cancellationToken), InfoReportView.Render, Visibility.InChannel);

    public async Task<CommandResult<InfoReport>> ReportAsync(Day day, string? deviceQuery, CancellationToken cancellationToken)
    {
        DeviceSummary? device = null;
        if (deviceQuery is not null)
        {
            var found = await catalog.FindAsync(deviceQuery, cancellationToken);
            if (!found.IsSuccess) return new Refusal(found.Problem!);
            device = found.Value;
        }

        var usage = await scanner.UsageAsync(scanner.Window(day), device, cancellationToken);
        if (!usage.IsSuccess) return new Refusal(usage.Error!.Describe());

        var caps = capsOptions.CurrentValue;
        var standings = CapPolicy.Evaluate(usage.Value!, caps)
            .Where(s => device is null || (s.Cap.Scope.Device is not null && s.Cap.Scope.Covers(device)))
            .ToList();
        return new InfoReport(usage.Value!, device, standings, scanner.RegionsOf(device), pricing.PriceListDate, caps.TimeZone);
    }
}
