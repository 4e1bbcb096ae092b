namespace BraketBot.Commands;

/// <summary>What the text after /braket asks for.</summary>
public abstract record ParsedCommand
{
    public sealed record Info(DayQuery Day, string? Device) : ParsedCommand;

    /// <summary>A month to date from the ledger: the given one, or (null) this month.</summary>
    public sealed record InfoMonth(Month? Month) : ParsedCommand;

    /// <summary>A chart of a day (by the hour) or of a month (by the day), of every device or one, or of one team's budget.</summary>
    public sealed record Chart(ChartPeriod Period, string? Device, string? Budget = null) : ParsedCommand;

    public sealed record Cancel(QuantumTaskArn Task) : ParsedCommand;

    public sealed record Caps : ParsedCommand;

    /// <summary>Each team's budget against its caps, and the tasks in none.</summary>
    public sealed record Budgets : ParsedCommand;

    /// <summary>One team's tasks of a day: `info budget NAME [DATE]`.</summary>
    public sealed record InfoBudget(string Budget, DayQuery Day) : ParsedCommand;

    public sealed record Limits : ParsedCommand;

    /// <summary>Braket's own limit for a device, over today or this month, renewed by BraketBot.</summary>
    public sealed record SetLimit(string Device, LimitAmount Amount) : ParsedCommand;

    public sealed record ClearLimit(string Device) : ParsedCommand;

    /// <summary>Usage text, with what was wrong when the text could not be understood.</summary>
    public sealed record Help(string? Problem) : ParsedCommand;
}
