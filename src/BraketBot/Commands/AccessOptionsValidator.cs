using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options) =>
        options.Admins.Any(string.IsNullOrWhiteSpace)
            ? ValidateOptionsResult.Fail("Slack:Admins must list Slack user ids (U…), without empty entries.")
            : ValidateOptionsResult.Success;
}
