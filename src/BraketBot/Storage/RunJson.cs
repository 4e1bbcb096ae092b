using System.Text.Json;

namespace BraketBot.Storage;

/// <summary>How a run is stored, the same in memory and in PostgreSQL.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize(EnforcementRun run) => JsonSerializer.Serialize(run, Options);

    public static EnforcementRun Deserialize(string json) => JsonSerializer.Deserialize<EnforcementRun>(json, Options)!;
}
