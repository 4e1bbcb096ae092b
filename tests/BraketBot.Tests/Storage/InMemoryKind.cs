using BraketBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Storage;

/// <summary>The single instance's stores, which hold their state in the process.</summary>
public sealed class InMemoryKind : IStoreKind
{
    public static string? Unavailable => null;

    public static Task<TestStores> OpenAsync()
    {
        var time = new FakeTimeProvider(TestStores.Start);
        return Task.FromResult(new TestStores(StoreRoles.InMemory(time), time, null));
    }
}
