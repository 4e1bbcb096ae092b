namespace BraketBot.Tests.Storage;

public sealed class InMemoryGuardStoreTests : GuardStoreContract<InMemoryKind>;
