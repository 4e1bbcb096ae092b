namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared, one class after another and each test in its own reset scope, by the tests of
/// caps, budgets, the ledger and its reconcile, and the webhooks and quotas that feed them.
/// The other default collections run beside it, so the suite keeps both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EnforcementHost : ICollectionFixture<AppFixture>
{
    public const string Name = nameof(EnforcementHost);
}
