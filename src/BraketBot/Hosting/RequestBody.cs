namespace BraketBot.Hosting;

[HotPath]
public static class RequestBody
{
    /// <summary>Slack's payloads and EventBridge's events are a few kilobytes; anything much larger is not from them.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The raw body, or null when it is longer than <paramref name="maxBytes"/> (read no further).</summary>
    public static async Task<byte[]?> ReadBodyAsync(this HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
