namespace BraketBot.Tests.Storage;

public sealed class InMemoryLedgerStoreTests : LedgerStoreContract<InMemoryKind>;
