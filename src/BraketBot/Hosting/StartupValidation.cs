using Microsoft.Extensions.Options;

namespace BraketBot.Hosting;

/// <summary>
/// The rules a host is held to before it starts, as lines that name the key to fix: for the host's
/// start, and for `doctor`, which asks the same questions without starting anything.
/// </summary>
public static class StartupValidation
{
    /// <summary>Each configuration value that fails its rule (every options record validated at start); empty when none does.</summary>
    public static IReadOnlyList<string> ConfigurationFailures(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception e) when (Failures(e) is { } failures)
        {
            return failures;
        }
    }

    /// <summary>What the outside world must give before the host starts (a database that answers); empty when it does.</summary>
    public static async Task<IReadOnlyList<string>> CheckFailuresAsync(IServiceProvider services)
    {
        try
        {
            foreach (var check in services.GetServices<IStartupCheck>())
                await check.CheckAsync();
            return [];
        }
        catch (Exception e) when (Failures(e) is { } failures)
        {
            return failures;
        }
    }

    /// <summary>A configuration failure in words naming its key, or null for any other exception.</summary>
    public static IReadOnlyList<string>? Failures(Exception exception) =>
        exception switch
        {
            OptionsValidationException e => e.Failures.ToList(),
            // The configuration binder's own message names the key and the value (an unknown enum name, say).
            InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [
                e.Message,
            ],
            // Several options records failing at once.
            AggregateException e when e.InnerExceptions.Select(Failures).ToList() is var inner && inner.All(f => f is not null) => inner
                .SelectMany(f => f!)
                .ToList(),
            _ => null,
        };
}
