using System.Text.Json;

namespace BraketBot.Braket;

/// <summary>The body of a Braket error answer: {"message": "..."} (some services spell it "Message").</summary>
internal static class ErrorWire
{
    public static string? Message(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document
                    .RootElement.EnumerateObject()
                    .FirstOrDefault(p =>
                        p.Name.Equals("message", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String
                    )
                    .Value.ToString()
                    is { Length: > 0 } message
                    ? message
                    : null
                : null;
        }
        catch (JsonException)
        {
            return null; // not every error body is JSON (a proxy's HTML page, say); the status still says enough
        }
    }
}
