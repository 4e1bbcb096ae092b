using BraketBot.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BraketBot.Storage;

/// <summary>
/// BraketBot's PostgreSQL database: reachable or a clear start-up failure naming the host and the
/// key, and its schema brought up to date once per process (idempotently, under an advisory lock,
/// so that instances starting together do not race).
/// </summary>
public sealed partial class PostgresDatabase(string? connectionString, ILogger<PostgresDatabase> logger) : IStartupCheck, IAsyncDisposable
{
    public const string Schema = "braketbot";

    /// <summary>Schema changes in order; a later change is a new entry, never an edit of an applied one.</summary>
    private static readonly string[] Migrations =
    [
        $"""
            CREATE TABLE {Schema}.claims (key text PRIMARY KEY, expires_at timestamptz NOT NULL);
            CREATE INDEX claims_expires_at ON {Schema}.claims (expires_at);
            CREATE TABLE {Schema}.kv (key text PRIMARY KEY, value text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE {Schema}.runs (key text PRIMARY KEY, expires_at timestamptz NOT NULL, pending boolean NOT NULL DEFAULT false);
            CREATE TABLE {Schema}.day_tasks (day text NOT NULL, arn text NOT NULL, task jsonb NOT NULL, PRIMARY KEY (day, arn));
            """,
            // Leases name their owner; enforcement runs are stored, so another instance can finish them.
            $"""
            DROP TABLE {Schema}.runs;
            ALTER TABLE {Schema}.claims ADD COLUMN holder text;
            CREATE TABLE {Schema}.guards (
                key text PRIMARY KEY, owner text NOT NULL, expires_at timestamptz NOT NULL, pending boolean NOT NULL DEFAULT false);
            CREATE TABLE {Schema}.enforcement_runs (
                id text PRIMARY KEY, run jsonb NOT NULL, owner text, lease_until timestamptz NOT NULL,
                finished boolean NOT NULL DEFAULT false, updated_at timestamptz NOT NULL);
            CREATE INDEX enforcement_runs_stalled ON {Schema}.enforcement_runs (lease_until) WHERE NOT finished;
            """,
            // The usage ledger: a row per task, daily totals per device and status, and the scans that vouch for whole days.
            $"""
            DROP TABLE {Schema}.day_tasks;
            CREATE TABLE {Schema}.ledger_tasks (
                arn text PRIMARY KEY, status text NOT NULL, device_arn text NOT NULL, shots bigint NOT NULL,
                created_at timestamptz NOT NULL, day date NOT NULL, observed_at timestamptz NOT NULL);
            CREATE INDEX ledger_tasks_day ON {Schema}.ledger_tasks (day, status);
            CREATE TABLE {Schema}.ledger_days (
                day date NOT NULL, device_arn text NOT NULL, status text NOT NULL, tasks integer NOT NULL, shots bigint NOT NULL,
                PRIMARY KEY (day, device_arn, status));
            CREATE TABLE {Schema}.ledger_scans (
                day date NOT NULL, scope text NOT NULL, scanned_at timestamptz NOT NULL, PRIMARY KEY (day, scope));
            """,
            // Braket's request quotas, shared by the instances: a token bucket per account, region and operation.
            $"""
            CREATE TABLE {Schema}.quota_buckets (key text PRIMARY KEY, tokens double precision NOT NULL, updated_at timestamptz NOT NULL);
            """,
            // Whether Braket confirmed each task; rows a merged scan of their day saw since their last news are taken as confirmed.
            $"""
            ALTER TABLE {Schema}.ledger_tasks ADD COLUMN confirmed boolean NOT NULL DEFAULT false;
            UPDATE {Schema}.ledger_tasks t SET confirmed = true
            WHERE EXISTS (SELECT 1 FROM {Schema}.ledger_scans s WHERE s.day = t.day AND s.scanned_at >= t.observed_at);
            CREATE INDEX ledger_tasks_unconfirmed ON {Schema}.ledger_tasks (day) WHERE NOT confirmed;
            """,
            // A task's origin (reservation, hybrid job, on demand), learnt once from GetQuantumTask; daily totals kept apart by billing.
            $"""
            ALTER TABLE {Schema}.ledger_tasks
                ADD COLUMN origin_known boolean NOT NULL DEFAULT false, ADD COLUMN reservation_arn text, ADD COLUMN job_arn text;
            ALTER TABLE {Schema}.ledger_days ADD COLUMN billing text NOT NULL DEFAULT 'OnDemand';
            ALTER TABLE {Schema}.ledger_days DROP CONSTRAINT ledger_days_pkey, ADD PRIMARY KEY (day, device_arn, status, billing);
            """,
            // A task's tags (which team's budget it counts in); null while not known: a scan or GetQuantumTask fills them.
            $"""
            ALTER TABLE {Schema}.ledger_tasks ADD COLUMN tags jsonb;
            """,
            // ASP.NET Core's Data Protection keys (the dashboard's cookies), shared so that any instance reads what another issued.
            $"""
            CREATE TABLE {Schema}.data_protection_keys (
                name text PRIMARY KEY, xml text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            """,
            // Sets of short-lived entries (IExpiringEntries), each row written whole: who looks at the Home tab, the runs it shows.
            $"""
            CREATE TABLE {Schema}.entries (
                set_name text NOT NULL, key text NOT NULL, value text NOT NULL, expires_at timestamptz NOT NULL,
                PRIMARY KEY (set_name, key));
            """,
    ];

    private readonly Lazy<NpgsqlDataSource> dataSource = new(() => NpgsqlDataSource.Create(connectionString!));
    private Task? ready;

    /// <summary>The pool of connections; use it after <see cref="EnsureReadyAsync"/>.</summary>
    public NpgsqlDataSource DataSource => dataSource.Value;

    public string ConnectionString => connectionString ?? "";

    /// <summary>Reachable and migrated, once; a failure is not remembered, so a later call tries again.</summary>
    public Task EnsureReadyAsync()
    {
        var current = ready;
        if (current is { IsFaulted: false, IsCanceled: false })
            return current;
        return ready = ConnectAndMigrateAsync();
    }

    public Task CheckAsync() => EnsureReadyAsync();

    /// <summary>Blocks until the database is ready; for the places that cannot await (DI factories).</summary>
    public void EnsureReady() => EnsureReadyAsync().GetAwaiter().GetResult();

    private async Task ConnectAndMigrateAsync()
    {
        NpgsqlConnection connection;
        try
        {
            connection = await DataSource.OpenConnectionAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException or System.Net.Sockets.SocketException)
        {
            throw new OptionsValidationException("ConnectionStrings:Postgres", typeof(StorageOptions), [Unreachable(e)]);
        }
        await using (connection)
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('braketbot-schema'))");
            await Execute(
                connection,
                $"CREATE SCHEMA IF NOT EXISTS {Schema}; "
                    + $"CREATE TABLE IF NOT EXISTS {Schema}.schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL "
                    + $"DEFAULT now())"
            );
            await using var current = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {Schema}.schema_version", connection);
            var version = (int)(await current.ExecuteScalarAsync())!;
            for (var next = version + 1; next <= Migrations.Length; next++)
            {
                await Execute(connection, Migrations[next - 1]);
                await Execute(connection, $"INSERT INTO {Schema}.schema_version (version) VALUES ({next})");
                LogMigrated(next);
            }
            await transaction.CommitAsync();
        }
    }

    private string Unreachable(Exception e)
    {
        try
        {
            var where = new NpgsqlConnectionStringBuilder(connectionString);
            return $"ConnectionStrings:Postgres: cannot reach PostgreSQL at {where.Host}:{where.Port}, database '{where.Database}' "
                + $"({e.Message})";
        }
        catch (ArgumentException)
        {
            return $"ConnectionStrings:Postgres is not a valid PostgreSQL connection string ({e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (dataSource.IsValueCreated)
            await dataSource.Value.DisposeAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BraketBot schema migrated to version {Version}")]
    private partial void LogMigrated(int version);
}
