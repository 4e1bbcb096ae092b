using BraketBot.Commands;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Limits;

/// <summary>
/// The device a person wants a spending limit set on or cleared from, checked: a QPU (Braket limits
/// no simulator), not retired, in a watched region (where BraketBot lists and renews it), and not one
/// whose limit mirrors a cap under <c>Caps:NativeLimits=Mirror</c> (the setting is the source of truth).
/// </summary>
public sealed class LimitTargets(DeviceCatalog catalog, IOptionsMonitor<WatchOptions> watch, IOptionsMonitor<CapsOptions> caps)
{
    public async Task<CommandResult<LimitTarget>> FindAsync(string nameOrArn, CancellationToken cancellationToken)
    {
        var found = await catalog.FindAsync(nameOrArn, cancellationToken);
        if (!found.IsSuccess)
            return new Refusal(found.Problem!);
        var device = found.Value!;
        if (device.IsSimulator)
            return new Refusal(LimitsView.Simulator(device));
        if (!DeviceArn.TryParse(device.DeviceArn, out var arn))
            return new Refusal(DeviceQueries.UnknownDevice(nameOrArn, []));
        if (device.IsRetired)
            return new Refusal(LimitsView.Retired(device));
        if (!watch.CurrentValue.Watches(arn.Region))
            return new Refusal(LimitsView.Unwatched(device));
        var mirrored = caps.CurrentValue.MirroredLimits.Where(m => device.Names(m.Device)).ToList();
        if (mirrored.Count > 0)
            return new Refusal(LimitsView.Mirrored(device, mirrored[0].Usd));
        return new LimitTarget(device, arn);
    }
}
