namespace BraketBot.Tests.Support;

/// <summary>A fact that needs PostgreSQL: it runs where BRAKETBOT_TEST_POSTGRES names a server (.ci/run starts one), and is skipped
/// elsewhere.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.Server is null)
            Skip = "Set BRAKETBOT_TEST_POSTGRES to a PostgreSQL connection string to run this test (.ci/run does).";
    }
}
