using BraketBot.Ports;

namespace BraketBot.Usage;

public abstract record DeviceLookup
{
    public sealed record Found(DeviceSummary Device) : DeviceLookup;

    public sealed record NotFound(string Query, IReadOnlyList<string> Suggestions) : DeviceLookup;

    public sealed record Failed(BraketError Error) : DeviceLookup;
}
