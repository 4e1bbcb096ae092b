using Microsoft.Extensions.Options;

namespace BraketBot.Slack.SocketMode;

public sealed class SocketModeOptionsValidator : IValidateOptions<SocketModeOptions>
{
    public ValidateOptionsResult Validate(string? name, SocketModeOptions options) =>
        options.Enabled && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail("Slack:AppToken must be an app-level token (xapp-…) with the connections:write scope.")
            : ValidateOptionsResult.Success;
}
