using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace BraketBot.Reports;

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

/// <summary>The action_id of each button, shared by the renderers that draw it and the handlers that answer it.</summary>
public static class ActionIds
{
    public const string CancelAllQueued = "cancel_all_queued";
    public const string RefreshReport = "refresh_report";
    public const string RefreshHome = "refresh_home";
    public const string CancelRest = "cancel_rest";
}

/// <summary>What a report shows, carried by its Refresh button.</summary>
public sealed record InfoQuery(Day Day, string? Device);

/// <summary>The values buttons carry: JSON that names everything the click acts on.</summary>
public static class ButtonValues
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of(CancelScope scope) => JsonSerializer.Serialize(scope, Json);

    public static string Of(InfoQuery query) => JsonSerializer.Serialize(query, Json);

    public static string Of(RestOfRun rest) => JsonSerializer.Serialize(rest, Json);

    /// <summary>A scope that names its device or says "all devices"; anything else is refused.</summary>
    public static bool TryRead(string? value, [NotNullWhen(true)] out CancelScope? scope)
    {
        scope = Read<CancelScope>(value) is { IsValid: true } read && read.Day != default ? read : null;
        return scope is not null;
    }

    public static bool TryRead(string? value, [NotNullWhen(true)] out InfoQuery? query)
    {
        query = Read<InfoQuery>(value) is { } read && read.Day != default ? read : null;
        return query is not null;
    }

    /// <summary>A run's id and a scope that names its device or says "all devices"; anything else is refused.</summary>
    public static bool TryRead(string? value, [NotNullWhen(true)] out RestOfRun? rest)
    {
        rest = Read<RestOfRun>(value) is { RunId.Length: > 0, Scope: { IsValid: true } scope } read && scope.Day != default ? read : null;
        return rest is not null;
    }

    private static T? Read<T>(string? value) where T : class
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(value, Json);
        }
        catch (JsonException)
        {
            return null; // not one of ours, or from an older version: the handler says the button is stale
        }
    }
}
