using Microsoft.Extensions.Options;

namespace BraketBot.Tests.Support;

/// <summary>Options that never change, for classes built by hand in unit tests.</summary>
public sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
