using Microsoft.Extensions.Options;

namespace BraketBot.Hosting;

public static class ValidationFailures
{
    /// <summary>Success when nothing failed, else every failure, each naming its key.</summary>
    public static ValidateOptionsResult ToResult(this IReadOnlyCollection<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
