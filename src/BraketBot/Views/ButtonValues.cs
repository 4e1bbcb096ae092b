using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace BraketBot.Views;

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

    private static T? Read<T>(string? value)
        where T : class
    {
        if (string.IsNullOrEmpty(value))
            return null;
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
