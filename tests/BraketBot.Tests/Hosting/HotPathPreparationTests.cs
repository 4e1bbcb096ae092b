using System.Runtime;
using BraketBot.Hosting;

namespace BraketBot.Tests.Hosting;

/// <summary>
/// The hot path's async plumbing compiled at start. It leans on the runtime's internal names; these tests are what notice a
/// runtime that renamed them (fewer methods compiled, the first breach of a new process slower again, nothing failing).
/// </summary>
public sealed class HotPathPreparationTests
{
    [Fact]
    public void Every_state_machine_of_the_hot_path_gets_its_builder_and_its_task_prepared()
    {
        var report = HotPathPreparation.Prepare(typeof(Program).Assembly);

        Assert.True(report.RuntimeKnown, "this runtime lacks an internal the preparation looks up by name");
        Assert.True(report.Machines > 100, $"{report.Machines} state machines found on the hot path");
        Assert.Equal(0, report.Failed);
        var machines = typeof(Program)
            .Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(HotPathAttribute), inherit: false))
            .SelectMany(HotPathPreparation.StateMachinesOf);
        // Start and its core, an await, the box it makes at its first await not done yet, and the box's own MoveNext.
        Assert.All(machines, machine =>
            Assert.Superset(
                new HashSet<string> { "Start", "AwaitUnsafeOnCompleted", "GetStateMachineBox", "MoveNext", ".ctor" },
                HotPathPreparation.PlumbingOf(machine).Select(m => m.Name).ToHashSet()
            )
        );
    }

    [Fact]
    public void A_generic_async_methods_state_machine_is_prepared_for_the_reference_types_it_shares_code_with()
    {
        var machines = HotPathPreparation.StateMachinesOf(typeof(BraketBot.Braket.BraketClient)).ToList();

        Assert.Contains(machines, t => t.IsConstructedGenericType && t.GetGenericArguments().All(a => a == typeof(object)));
    }

    [Fact]
    public void A_lambdas_state_machine_is_found_in_its_closure()
    {
        var machines = HotPathPreparation.StateMachinesOf(typeof(HotPathSamples.Unprepared)).Select(t => t.Name).ToList();

        Assert.Contains(machines, name => name.Contains("<WaitAsync>", StringComparison.Ordinal));
        Assert.All(HotPathPreparation.StateMachinesOf(typeof(HotPathSamples.Unprepared)), t => Assert.True(t.IsValueType));
        Assert.Contains(machines, name => name.Contains("<WaitInLambdaAsync>b__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_prepared_async_method_compiles_less_the_first_time_it_waits()
    {
        foreach (var machine in HotPathPreparation.StateMachinesOf(typeof(HotPathSamples.Prepared)))
            HotPathPreparation.PrepareMachine(machine);

        // Counted on this thread: an async method runs here until its first await that is not done yet.
        var prepared = await CompiledWhileFirstWaitingAsync(gate => HotPathSamples.Prepared.WaitAsync(gate));
        var unprepared = await CompiledWhileFirstWaitingAsync(gate => HotPathSamples.Unprepared.WaitAsync(gate));

        Assert.True(unprepared - prepared >= 4, $"compiled {prepared} methods prepared, {unprepared} not");
    }

    private static async Task<long> CompiledWhileFirstWaitingAsync(Func<Task<int>, Task<int>> method)
    {
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = JitInfo.GetCompiledMethodCount(currentThread: true);
        var waiting = method(gate.Task);
        var compiled = JitInfo.GetCompiledMethodCount(currentThread: true) - before;
        gate.SetResult(1);
        Assert.Equal(2, await waiting);
        return compiled;
    }
}
