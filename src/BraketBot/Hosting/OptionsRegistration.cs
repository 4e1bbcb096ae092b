using Microsoft.Extensions.Options;

namespace BraketBot.Hosting;

public static class OptionsRegistration
{
    /// <summary>Binds a configuration section to an options record, validated once at start.</summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section
    )
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }

    /// <summary>
    /// Declares a setting the bot can run without, in a reduced mode: it is logged at start
    /// and listed by /readyz until it is set.
    /// </summary>
    /// <param name="unlessSet">
    /// A configuration key that makes this setting unnecessary when it is set (another way in
    /// that needs no such secret: Socket Mode instead of signed HTTP, a queue instead of the webhook).
    /// </param>
    public static IServiceCollection AddRequiredSetting<TOptions>(
        this IServiceCollection services,
        string key,
        string consequence,
        Func<TOptions, string?> read,
        string? unlessSet = null
    )
        where TOptions : class
    {
        services.AddSingleton(sp => new RequiredSetting(key, consequence, () =>
            !string.IsNullOrWhiteSpace(read(sp.GetRequiredService<IOptions<TOptions>>().Value))
            || (unlessSet is not null && !string.IsNullOrWhiteSpace(sp.GetRequiredService<IConfiguration>()[unlessSet]))
        ));
        return services;
    }
}
