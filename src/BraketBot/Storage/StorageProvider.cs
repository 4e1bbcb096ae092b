namespace BraketBot.Storage;

public enum StorageProvider
{
    InMemory,
    PostgreSql,
}
