namespace BraketBot.Tests.Storage;

public sealed class InMemoryClaimStoreTests : ClaimStoreContract<InMemoryKind>;
