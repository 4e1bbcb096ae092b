using Xunit.Sdk;

namespace BraketBot.Tests.Storage;

/// <summary>A test of a store contract: it runs for every kind of store that can run here, and is skipped for the others.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("BraketBot.Tests.Storage.StoreFactDiscoverer", "BraketBot.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
