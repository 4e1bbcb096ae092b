using Microsoft.Extensions.Options;

namespace BraketBot.Storage;

public sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.JobInvisibilityTimeout <= TimeSpan.Zero)
            return ValidateOptionsResult.Fail("Storage:JobInvisibilityTimeout must be positive.");
        if (
            options.Provider == StorageProvider.PostgreSql
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageOptions.ConnectionStringName))
        )
            return ValidateOptionsResult.Fail("Storage:Provider is PostgreSql but ConnectionStrings:Postgres is not set.");
        return ValidateOptionsResult.Success;
    }
}
