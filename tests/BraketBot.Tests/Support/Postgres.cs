namespace BraketBot.Tests.Support;

/// <summary>A fact that needs PostgreSQL: it runs where BRAKETBOT_TEST_POSTGRES names a server (.ci/run starts one), and is skipped
/// elsewhere.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = TestDatabase.Unavailable;
    }
}
