using System.Text.Json;
using System.Text.Json.Serialization;

namespace BraketBot.Braket;

// Request and response bodies exactly as botocore's braket/2019-09-01/service-2.json shapes them.

internal static class BraketWire
{
    public static JsonSerializerOptions Json { get; } =
        new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
