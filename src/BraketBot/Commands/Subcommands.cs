namespace BraketBot.Commands;

/// <summary>The words of /braket, shared by the parser that reads them and the help that shows them.</summary>
public static class Subcommands
{
    public const string Info = "info";
    public const string Cancel = "cancel";
    public const string Caps = "caps";
    public const string Limits = "limits";
    public const string Help = "help";
    public const string Month = "month";
    public const string Set = "set";
    public const string Clear = "clear";
    public const string Chart = "chart";
    public const string Budgets = "budgets";
    public const string Budget = "budget";

    public const string DateForms = "`YYYY-MM-DD` (like 2022-04-10 or 2022-4-10), `today` or `yesterday`";
    public const string MonthForm = "`YYYY-MM` (like 2022-04)";
    public const string TaskArnForm = "`arn:aws:braket:REGION:ACCOUNT:quantum-task/ID`";
}
