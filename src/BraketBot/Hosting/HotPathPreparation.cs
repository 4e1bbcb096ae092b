using System.Reflection;
using System.Runtime.CompilerServices;

namespace BraketBot.Hosting;

/// <summary>
/// Compiles the generic code that each async method of a <see cref="HotPathAttribute"/> class needs the first time it runs:
/// its builder's <c>Start</c> and <c>AwaitUnsafeOnCompleted</c>, and the task that carries its state machine across awaits.
/// ReadyToRun compiles the app's own methods ahead of time, but not the framework's generics made for the app's value types,
/// and a release build's state machines are value types: on a new process those were about half of the methods compiled
/// between a breach's event and its first cancel. Some of them are the runtime's internals, found by name: a runtime that
/// renamed them gets fewer methods prepared and a warning (<see cref="RuntimeKnown"/>), never a failed start.
/// </summary>
public static class HotPathPreparation
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly CoreLibrary = typeof(AsyncTaskMethodBuilder).Assembly;
    private static readonly MethodInfo? CoreStart = GenericMethod(
        CoreLibrary.GetType("System.Runtime.CompilerServices.AsyncMethodBuilderCore"),
        "Start"
    );
    private static readonly Type? VoidResult = CoreLibrary.GetType("System.Threading.Tasks.VoidTaskResult");
    private static readonly Type? StateMachineBox = typeof(AsyncTaskMethodBuilder<>).GetNestedType(
        "AsyncStateMachineBox`1",
        BindingFlags.NonPublic
    );

    /// <summary>Whether this runtime has every internal the preparation looks up by name.</summary>
    public static bool RuntimeKnown { get; } =
        CoreStart is not null
        && VoidResult is not null
        && StateMachineBox is not null
        && GenericMethod(typeof(AsyncTaskMethodBuilder<>), "GetStateMachineBox") is not null
        // the overload that makes a state machine's box at its first await not done yet
        && typeof(AsyncTaskMethodBuilder<>).GetMethods(Declared).Any(m => m.Name == "AwaitUnsafeOnCompleted" && m.IsStatic);

    /// <summary>Compiles the async plumbing of every <see cref="HotPathAttribute"/> class of <paramref name="assembly"/>.</summary>
    public static HotPathReport Prepare(Assembly assembly)
    {
        var report = new HotPathReport(0, 0, 0, RuntimeKnown);
        foreach (var type in TypesOf(assembly))
        {
            try
            {
                if (!type.IsDefined(typeof(HotPathAttribute), inherit: false))
                    continue;
                foreach (var machine in StateMachinesOf(type))
                {
                    var (methods, failed) = PrepareMachine(machine);
                    report = report with
                    {
                        Machines = report.Machines + 1,
                        Methods = report.Methods + methods,
                        Failed = report.Failed + failed,
                    };
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                report = report with { Failed = report.Failed + 1 }; // a class this runtime cannot read: its methods left to the JIT
            }
        }
        return report;
    }

    /// <summary>
    /// The state machines of <paramref name="type"/>'s async methods and lambdas. A release build's are value types, each
    /// needing code of its own; a debug build's are classes, sharing code that is mostly compiled already. A generic method's is
    /// closed over <see cref="object"/>: its code is the one every reference type shares.
    /// </summary>
    internal static IEnumerable<Type> StateMachinesOf(Type type) =>
        type.GetNestedTypes(BindingFlags.NonPublic)
            .SelectMany(nested =>
                typeof(IAsyncStateMachine).IsAssignableFrom(nested) ? ClosedOverObject(nested)
                : nested.IsValueType ? []
                : StateMachinesOf(nested) // a lambda's state machine sits in its closure's class
            );

    /// <summary>Compiles what <paramref name="machine"/>'s method needs from its builder and its task.</summary>
    internal static (int Methods, int Failed) PrepareMachine(Type machine)
    {
        try
        {
            var compiled = PlumbingOf(machine).Select(TryPrepare).ToList();
            return (compiled.Count(ok => ok), compiled.Count(ok => !ok));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (0, 1); // a state machine of a shape this runtime does not take: left to the JIT
        }
    }

    /// <summary>The builder's and the task box's methods made for <paramref name="machine"/>.</summary>
    internal static IEnumerable<MethodBase> PlumbingOf(Type machine)
    {
        // The compiler's names: the builder's field, and one field per kind of awaiter the method awaits.
        var builder = machine.GetField("<>t__builder", Declared)?.FieldType;
        if (builder is null)
            return [];
        var awaiters = machine
            .GetFields(Declared)
            .Where(f => f.Name.StartsWith("<>u__", StringComparison.Ordinal))
            .Select(f => f.FieldType)
            .Distinct()
            .ToList();
        // Task, ValueTask and async iterator methods alike keep their state machine in the task builder's box.
        var result = ResultOf(builder);
        var taskBuilder = result is null ? null : typeof(AsyncTaskMethodBuilder<>).MakeGenericType(result);
        var box = result is null ? null : StateMachineBox?.MakeGenericType(result, machine);

        var methods = new List<MethodBase?> { Instantiate(GenericMethod(builder, "Start"), machine), Instantiate(CoreStart, machine) };
        foreach (var generic in new[] { builder, taskBuilder }.OfType<Type>().Distinct().SelectMany(b => b.GetMethods(Declared)))
        {
            if (generic.Name == "AwaitUnsafeOnCompleted" && generic.IsGenericMethodDefinition)
                methods.AddRange(
                    awaiters.Select(a => Instantiate(generic, generic.GetGenericArguments().Length == 1 ? [a] : [a, machine]))
                );
            else if (generic.Name == "GetStateMachineBox" && generic.IsGenericMethodDefinition)
                methods.Add(Instantiate(generic, machine));
        }
        if (box is not null)
            methods.AddRange([.. box.GetMethods(Declared), .. box.GetConstructors(Declared), box.TypeInitializer]);
        return methods.OfType<MethodBase>().Where(m => !m.IsAbstract && !m.ContainsGenericParameters);
    }

    /// <summary>The app's types; should one fail to load, the others.</summary>
    private static IEnumerable<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static IEnumerable<Type> ClosedOverObject(Type machine)
    {
        if (!machine.ContainsGenericParameters)
            return [machine];
        try
        {
            return [machine.MakeGenericType([.. machine.GetGenericArguments().Select(_ => typeof(object))])];
        }
        catch (ArgumentException)
        {
            return []; // a constraint object does not meet (a value type, an interface): each use needs code of its own
        }
    }

    private static Type? ResultOf(Type builder) =>
        builder.IsGenericType
            ? builder.GetGenericTypeDefinition() == typeof(AsyncTaskMethodBuilder<>)
            || builder.GetGenericTypeDefinition() == typeof(AsyncValueTaskMethodBuilder<>)
                ? builder.GetGenericArguments()[0]
                : null
            : builder == typeof(AsyncTaskMethodBuilder)
            || builder == typeof(AsyncValueTaskMethodBuilder)
            || builder == typeof(AsyncIteratorMethodBuilder)
            || builder == typeof(AsyncVoidMethodBuilder)
                ? VoidResult
                : null;

    private static MethodInfo? GenericMethod(Type? type, string name) =>
        type?.GetMethods(Declared).FirstOrDefault(m => m.Name == name && m.IsGenericMethodDefinition);

    private static MethodInfo? Instantiate(MethodInfo? method, params Type[] arguments)
    {
        if (method is null || method.GetGenericArguments().Length != arguments.Length)
            return null;
        try
        {
            return method.MakeGenericMethod(arguments);
        }
        catch (ArgumentException)
        {
            return null; // a constraint this awaiter does not meet: not the overload its method calls
        }
    }

    private static bool TryPrepare(MethodBase method)
    {
        try
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false; // left to the JIT at its first call, as without this preparation
        }
    }
}
