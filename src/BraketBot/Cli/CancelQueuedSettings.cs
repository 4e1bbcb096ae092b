using System.ComponentModel;
using Spectre.Console.Cli;

namespace BraketBot.Cli;

public sealed class CancelQueuedSettings : VerbSettings
{
    [CommandArgument(0, "<DEVICE>")]
    [Description("A device name (any case) or device ARN")]
    public string Device { get; set; } = "";

    [CommandArgument(1, "[DATE]")]
    [Description("YYYY-MM-DD, today or yesterday (default: today in Caps:TimeZone)")]
    public string? Date { get; set; }

    [CommandOption("-y|--yes")]
    [Description("Cancel without asking (needed when no one can answer: a script, --json)")]
    public bool Yes { get; set; }
}
