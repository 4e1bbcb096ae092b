using BraketBot.Usage;

namespace BraketBot.Commands;

/// <summary>A device as someone named it (any case, or its ARN), found in the catalog or answered with why not.</summary>
public static class DeviceQueries
{
    public static async Task<CommandResult<DeviceSummary>> FindAsync(
        this DeviceCatalog catalog,
        string nameOrArn,
        CancellationToken cancellationToken
    ) =>
        await catalog.ResolveAsync(nameOrArn, cancellationToken) switch
        {
            DeviceLookup.Found found => found.Device,
            DeviceLookup.NotFound notFound => new Refusal(DeviceQueries.UnknownDevice(notFound.Query, notFound.Suggestions)),
            DeviceLookup.Failed failed => new Refusal(failed.Error.Describe()),
            var other => throw new InvalidOperationException($"Unknown device lookup {other}"),
        };

    public static string UnknownDevice(string query, IReadOnlyList<string> suggestions) =>
        suggestions.Count > 0
            ? $"No device is called `{query}`. Did you mean {string.Join(", ", suggestions.Select(s => $"`{s}`"))}?"
            : $"No device is called `{query}`. Give a device name from the Braket console, or a device ARN.";
}
