using Microsoft.Extensions.Configuration;

namespace BraketBot.Tests.Support;

/// <summary>
/// Settings a running host picks up at once, as it picks up an edited appsettings.json: the
/// configuration reloads and every option read through IOptionsMonitor sees the new value.
/// </summary>
public sealed class LiveSettings : IConfigurationSource
{
    private readonly Provider provider = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;

    public string? this[string key]
    {
        get => provider.TryGet(key, out var value) ? value : null;
        set
        {
            provider.Set(key, value);
            provider.Reload();
        }
    }

    /// <summary>Several settings at once, in one reload: a group of keys valid only together (a budget's tag and caps).</summary>
    public void Set(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
            provider.Set(key, value);
        provider.Reload();
    }

    /// <summary>Back to the host's own settings.</summary>
    public void Clear()
    {
        provider.Clear();
        provider.Reload();
    }

    private sealed class Provider : ConfigurationProvider
    {
        public void Clear() => Data.Clear();

        public void Reload() => OnReload();
    }
}
