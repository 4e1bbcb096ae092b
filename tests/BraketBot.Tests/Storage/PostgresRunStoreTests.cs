namespace BraketBot.Tests.Storage;

public sealed class PostgresRunStoreTests : RunStoreContract<PostgresKind>;
