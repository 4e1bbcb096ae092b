using BraketBot.Budgets;
using BraketBot.Cancel;
using BraketBot.Caps;
using BraketBot.Charts;
using BraketBot.Commands;
using BraketBot.Home;
using BraketBot.Info;
using BraketBot.Limits;
using BraketBot.Messages;

namespace BraketBot.Interactions;

/// <summary>
/// The one place that picks the handler of a command or a click: an explicit switch over what was
/// parsed, with a fallback for what nothing handles.
/// </summary>
public sealed class CommandDispatcher(IServiceProvider services)
{
    public Task<SlashReply> HandleAsync(ParsedCommand command, SlashCommand slash, CancellationToken cancellationToken) =>
        command switch
        {
            ParsedCommand.Info info => Get<InfoCommand>().HandleAsync(info, cancellationToken),
            ParsedCommand.InfoMonth month => Get<InfoMonthCommand>().HandleAsync(month, cancellationToken),
            ParsedCommand.Chart chart => Get<ChartCommand>().HandleAsync(chart, slash, cancellationToken),
            ParsedCommand.Cancel cancel => Get<CancelCommand>().HandleAsync(cancel, slash, cancellationToken),
            ParsedCommand.Caps => Get<CapsCommand>().HandleAsync(cancellationToken),
            ParsedCommand.Budgets => Get<BudgetsCommand>().HandleAsync(cancellationToken),
            ParsedCommand.InfoBudget budget => Get<InfoBudgetCommand>().HandleAsync(budget, cancellationToken),
            ParsedCommand.Limits => Get<LimitsCommand>().HandleAsync(cancellationToken),
            ParsedCommand.SetLimit set => Get<SetLimitCommand>().HandleAsync(set, slash, cancellationToken),
            ParsedCommand.ClearLimit clear => Get<ClearLimitCommand>().HandleAsync(clear, slash, cancellationToken),
            ParsedCommand.Help help => Task.FromResult(HelpCommand.Handle(help)),
            _ => Task.FromResult(HelpCommand.Handle(new ParsedCommand.Help(null))),
        };

    public IBlockActionHandler For(BlockAction action) =>
        action.ActionId switch
        {
            CancelAllQueuedAction.Id => Get<CancelAllQueuedAction>(),
            CancelRestAction.Id => Get<CancelRestAction>(),
            RefreshReportAction.Id => Get<RefreshReportAction>(),
            RefreshHomeAction.Id => Get<RefreshHomeAction>(),
            _ => NullActionHandler.Instance,
        };

    private T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>A button that is not ours (or from a version that had it): nothing to do.</summary>
    private sealed class NullActionHandler : IBlockActionHandler
    {
        public static readonly NullActionHandler Instance = new();

        public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
