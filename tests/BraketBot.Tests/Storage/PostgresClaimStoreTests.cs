namespace BraketBot.Tests.Storage;

public sealed class PostgresClaimStoreTests : ClaimStoreContract<PostgresKind>;
