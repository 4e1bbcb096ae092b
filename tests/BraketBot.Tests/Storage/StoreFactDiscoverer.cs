using Xunit.Abstractions;
using Xunit.Sdk;

namespace BraketBot.Tests.Storage;

/// <summary>
/// Finds a contract test in each concrete suite and skips it where the suite's kind of store cannot run (xUnit 2 decides
/// skips at discovery, and an attribute on the shared base method cannot tell the suites apart).
/// </summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod,
        IAttributeInfo factAttribute
    )
    {
        if (UnavailableKind(testMethod.TestClass.Class.ToRuntimeType()) is not { } reason)
            return base.Discover(discoveryOptions, testMethod, factAttribute);
        return
        [
            new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                reason
            ),
        ];
    }

    /// <summary>Why the suite's <see cref="IStoreKind"/> cannot run here, or null.</summary>
    private static string? UnavailableKind(Type suite)
    {
        for (var type = suite; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(StoreContract<>))
                return type.GenericTypeArguments[0].GetProperty(nameof(IStoreKind.Unavailable))?.GetValue(null) as string;
        return null;
    }
}
