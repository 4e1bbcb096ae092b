namespace BraketBot.Tests.Storage;

public sealed class PostgresGuardStoreTests : GuardStoreContract<PostgresKind>;
