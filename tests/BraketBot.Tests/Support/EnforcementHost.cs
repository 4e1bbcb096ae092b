namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared by the test classes of caps, budgets, the ledger, its reconcile and the webhooks that feed them (one after
/// another, each test in its own reset scope); the other default collections run beside it, so the suite keeps both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EnforcementHost : ICollectionFixture<AppFixture>
{
    public const string Name = nameof(EnforcementHost);
}
