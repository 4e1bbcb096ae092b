namespace BraketBot.Tests.Storage;

public sealed class PostgresKeyValueStoreTests : KeyValueStoreContract<PostgresKind>;
