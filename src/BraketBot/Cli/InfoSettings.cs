using System.ComponentModel;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

public sealed class InfoSettings : VerbSettings
{
    [CommandArgument(0, "[DATE]")]
    [Description("YYYY-MM-DD, today or yesterday (default: today in Caps:TimeZone)")]
    public string? Date { get; set; }

    [CommandArgument(1, "[DEVICE]")]
    [Description("A device name (any case) or device ARN; without it, every device with tasks that day")]
    public string? Device { get; set; }
}
