namespace BraketBot.Tests.Storage;

public sealed class InMemoryRunStoreTests : RunStoreContract<InMemoryKind>;
