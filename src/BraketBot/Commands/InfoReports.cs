using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>The info report of a day, for /braket info and its Refresh button.</summary>
public sealed class InfoReports(DayScanner scanner, DeviceCatalog catalog, Pricing pricing, IOptionsMonitor<CapsOptions> capsOptions)
{
    public async Task<SlashReply> InfoAsync(Day day, string? deviceQuery, CancellationToken cancellationToken)
    {
        DeviceSummary? device = null;
        if (deviceQuery is not null)
        {
            switch (await catalog.ResolveAsync(deviceQuery, cancellationToken))
            {
                case DeviceLookup.Found found:
                    device = found.Device;
                    break;
                case DeviceLookup.NotFound notFound:
                    return SlashReply.Private(InfoReportView.UnknownDevice(notFound.Query, notFound.Suggestions));
                case DeviceLookup.Failed failed:
                    return SlashReply.Private(failed.Error.Describe());
            }
        }

        var usage = await scanner.UsageAsync(scanner.Window(day), device, cancellationToken);
        if (!usage.IsSuccess) return SlashReply.Private(usage.Error!.Describe());

        var caps = capsOptions.CurrentValue;
        var standings = CapPolicy.Evaluate(usage.Value!, caps)
            .Where(s => device is null || (s.Cap.Scope.Device is not null && s.Cap.Scope.Covers(device)))
            .ToList();
        var report = new InfoReport(usage.Value!, device, standings, scanner.RegionsOf(device), pricing.PriceListDate, caps.TimeZone);
        return new SlashReply(InfoReportView.Render(report), Visibility.InChannel);
    }
}
