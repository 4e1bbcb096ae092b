using Microsoft.Extensions.Options;

namespace BraketBot.Webhooks;

public sealed class EventBridgeOptionsValidator : IValidateOptions<EventBridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EventBridgeOptions options) =>
        string.IsNullOrWhiteSpace(options.ApiKeyHeader)
            ? ValidateOptionsResult.Fail("EventBridge:ApiKeyHeader must name a header (default x-api-key).")
            : ValidateOptionsResult.Success;
}
