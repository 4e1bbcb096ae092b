using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace BraketBot.Storage;

/// <summary>
/// ASP.NET Core's Data Protection key ring in the shared database, so that every instance reads the cookies another
/// issued (the dashboard's session and antiforgery tokens) and a deploy does not sign everyone out. The keys are stored
/// as Data Protection writes them (not encrypted at rest): whoever can read this database can already change the bot's state.
/// </summary>
public sealed class PostgresXmlRepository(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        database.EnsureReady();
        using var connection = database.DataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            $"SELECT xml FROM {PostgresDatabase.Schema}.data_protection_keys ORDER BY created_at, name",
            connection
        );
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    /// <summary>A key or revocation is written once under a unique name; writing it again changes nothing.</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        database.EnsureReady();
        using var connection = database.DataSource.OpenConnection();
        using var command = new NpgsqlCommand(
            $"INSERT INTO {PostgresDatabase.Schema}.data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
            connection
        );
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
