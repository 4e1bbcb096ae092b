using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace BraketBot.Commands;

/// <summary>
/// What a "Cancel all queued" button covers: one day and one device, or every device when
/// <see cref="DeviceArn"/> is null. It travels in the button's value.
/// </summary>
public sealed record CancelScope(string Day, string? DeviceArn, string? DeviceName)
{
    public string Describe() => DeviceName ?? DeviceArn ?? "all devices";

    public string RunKey => $"cancel-run:{Day}:{DeviceArn ?? "all"}";

    public string ToValue() => JsonSerializer.Serialize(this, ButtonValues.Json);

    public static bool TryParse(string? value, [NotNullWhen(true)] out CancelScope? scope)
    {
        scope = ButtonValues.Read<CancelScope>(value);
        scope = scope is not null && DateOnly.TryParseExact(scope.Day, "yyyy-MM-dd", out _) ? scope : null;
        return scope is not null;
    }
}

/// <summary>What a report shows, carried by its Refresh button.</summary>
public sealed record InfoQuery(string Day, string? Device)
{
    public string ToValue() => JsonSerializer.Serialize(this, ButtonValues.Json);

    public static bool TryParse(string? value, [NotNullWhen(true)] out InfoQuery? query)
    {
        query = ButtonValues.Read<InfoQuery>(value);
        query = query is not null && DateOnly.TryParseExact(query.Day, "yyyy-MM-dd", out _) ? query : null;
        return query is not null;
    }
}

internal static class ButtonValues
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static T? Read<T>(string? value) where T : class
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(value, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
