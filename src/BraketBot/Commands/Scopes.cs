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

    public static bool TryParse(string? value, [NotNullWhen(true)] out CancelScope? scope) =>
        (scope = ButtonValues.Read<CancelScope>(value, s => s.Day)) is not null;
}

/// <summary>What a report shows, carried by its Refresh button.</summary>
public sealed record InfoQuery(string Day, string? Device)
{
    public string ToValue() => JsonSerializer.Serialize(this, ButtonValues.Json);

    public static bool TryParse(string? value, [NotNullWhen(true)] out InfoQuery? query) =>
        (query = ButtonValues.Read<InfoQuery>(value, q => q.Day)) is not null;
}

internal static class ButtonValues
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The value a button carried, or null when it is not one of ours (or names no valid day).</summary>
    public static T? Read<T>(string? value, Func<T, string?> day) where T : class
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(value, Json) is { } read && DateOnly.TryParseExact(day(read), "yyyy-MM-dd", out _) ? read : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
