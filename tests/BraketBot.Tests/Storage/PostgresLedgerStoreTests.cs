namespace BraketBot.Tests.Storage;

public sealed class PostgresLedgerStoreTests : LedgerStoreContract<PostgresKind>;
