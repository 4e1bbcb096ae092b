using BraketBot.Commands;
using BraketBot.Messages;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>/braket limits: Braket's own per-device spending limits (SearchSpendingLimits) in every watched region.</summary>
public sealed class LimitsCommand(BraketSpendingLimits limits, DeviceCatalog catalog, IOptionsMonitor<CapsOptions> caps, TimeProvider time)
{
    public const string Name = Subcommands.Limits;

    public async Task<SlashReply> HandleAsync(CancellationToken cancellationToken) =>
        SlashReply.Of(await ReportAsync(cancellationToken), LimitsView.Render, Visibility.Ephemeral);

    public async Task<CommandResult<LimitsReport>> ReportAsync(CancellationToken cancellationToken)
    {
        var listed = await limits.ListAsync(cancellationToken);
        if (!listed.IsSuccess)
            return new Refusal(listed.Error!.Describe());
        await catalog.GetDevicesAsync(cancellationToken); // names for the ARNs; a failure leaves the ARN's own name
        return LimitsReport.Of(listed.Value!, catalog.Describe, time.GetUtcNow(), caps.CurrentValue.Zone);
    }
}
