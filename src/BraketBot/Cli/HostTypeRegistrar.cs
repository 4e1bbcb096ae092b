using Spectre.Console.Cli;

namespace BraketBot.Cli;

/// <summary>
/// Spectre.Console.Cli's types on the bot's own service provider: the verbs and their settings are
/// built from the bot's services; what Spectre registers for itself is kept here.
/// </summary>
public sealed class HostTypeRegistrar(IServiceProvider services) : ITypeRegistrar, ITypeResolver
{
    private readonly Dictionary<Type, Func<object>> registered = [];

    public void Register(Type service, Type implementation) =>
        registered[service] = () => ActivatorUtilities.CreateInstance(services, implementation);

    public void RegisterInstance(Type service, object implementation) => registered[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        registered[service] = () => lazy.Value;
    }

    public ITypeResolver Build() => this;

    public object? Resolve(Type? type) =>
        type switch
        {
            null => null,
            _ when registered.TryGetValue(type, out var make) => make(),
            _ when services.GetService(type) is { } service => service,
            { IsClass: true, IsAbstract: false } => ActivatorUtilities.CreateInstance(services, type),
            _ => null,
        };
}
