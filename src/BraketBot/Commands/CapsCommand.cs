using BraketBot.Reports;
using BraketBot.Slack.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>/braket caps: the caps in force and today's usage against each.</summary>
public sealed class CapsCommand(DayScanner scanner, IOptionsMonitor<CapsOptions> capsOptions)
{
    public const string Name = Subcommands.Caps;

    public async Task<SlashReply> HandleAsync(CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(cancellationToken), CapsView.Render, Visibility.Ephemeral);

    public async Task<CommandResult<CapsReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var caps = capsOptions.CurrentValue;
        var window = scanner.Window(scanner.Today());
        if (!caps.AnyCap) return new CapsReport(caps, window, []);

        var usage = await scanner.UsageAsync(window, null, cancellationToken);
        return usage.IsSuccess
            ? new CapsReport(caps, window, CapPolicy.Evaluate(usage.Value!, caps))
            : new Refusal(usage.Error!.Describe());
    }
}
