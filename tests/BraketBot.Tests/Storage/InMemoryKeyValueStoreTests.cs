namespace BraketBot.Tests.Storage;

public sealed class InMemoryKeyValueStoreTests : KeyValueStoreContract<InMemoryKind>;
