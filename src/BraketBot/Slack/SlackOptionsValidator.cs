using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Slack;

public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
            failures.Add($"Slack:ApiBaseUrl '{options.ApiBaseUrl}' must be an absolute http(s) URL.");
        if (options.BotToken is { Length: > 0 } token && !token.StartsWith("xox", StringComparison.Ordinal))
            failures.Add("Slack:BotToken must be a Slack token (xoxb-…).");
        return failures.ToResult();
    }
}
