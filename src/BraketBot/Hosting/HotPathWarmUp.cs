namespace BraketBot.Hosting;

/// <summary>Reports the hot path's preparation, begun before the host is built (<see cref="HostingExtensions.PrepareHotPath"/>).</summary>
public sealed partial class HotPathWarmUp : StartupWarmUp
{
    private readonly Task<HotPathReport> preparing;
    private readonly ILogger<HotPathWarmUp> logger;

    public HotPathWarmUp(Task<HotPathReport> preparing, ILogger<HotPathWarmUp> logger)
        : base(logger)
    {
        this.preparing = preparing;
        this.logger = logger;
    }

    /// <summary>The preparation's report, once it is done.</summary>
    public Task<HotPathReport> Preparing => preparing;

    protected override async Task RunAsync()
    {
        var report = await preparing;
        if (report.RuntimeKnown && report.Failed == 0)
            LogPrepared(report.Methods, report.Machines);
        else
            LogPartlyPrepared(report.Methods, report.Machines, report.Failed, report.RuntimeKnown);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Prepared {Methods} methods for the hot path's {Machines} state machines")]
    private partial void LogPrepared(int methods, int machines);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Prepared only {Methods} methods for the hot path's {Machines} state machines ({Failed} failed; this runtime's "
            + "internals as expected: {RuntimeKnown}); a new process's first breach may be slower"
    )]
    private partial void LogPartlyPrepared(int methods, int machines, int failed, bool runtimeKnown);
}
