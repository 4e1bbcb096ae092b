using System.Text.Json;
using System.Text.Json.Serialization;

namespace BraketBot.Domain;

internal sealed class DayJsonConverter : JsonConverter<Day>
{
    public override Day Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Day.TryParse(reader.GetString(), out var day)
            ? day
            : throw new JsonException($"A day is a string {Day.Pattern}.");

    public override void Write(Utf8JsonWriter writer, Day value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
