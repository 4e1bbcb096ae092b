using System.Text.Json;
using System.Text.Json.Nodes;
using BraketBot.Commands;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BraketBot.Cli;

/// <summary>
/// Where a command's answer goes: tables and colour on a terminal, plain text when the output is
/// redirected (Spectre.Console tells which), or JSON for scripts. Asks only where someone can answer.
/// </summary>
public sealed class Terminal(IAnsiConsole console)
{
    /// <summary>Every command ran as asked.</summary>
    public const int Success = 0;

    /// <summary>A check failed, a command was refused, or a task was not cancelled.</summary>
    public const int Failure = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public IAnsiConsole Console => console;

    /// <summary>A person can answer a question (the input is a terminal).</summary>
    public bool CanAsk => console.Profile.Capabilities.Interactive;

    /// <summary>Live displays (spinners, progress bars) would redraw in place rather than litter the output.</summary>
    public bool CanAnimate => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    public void Write(IRenderable renderable) => console.Write(renderable);

    /// <summary>Words from the Slack side of a command (mrkdwn), as plain terminal text.</summary>
    public void WriteText(string mrkdwn) => console.MarkupLine(TerminalText.Markup(mrkdwn));

    /// <summary>JSON, written as is: not wrapped to the console's width.</summary>
    public void WriteJson(JsonNode json) => console.Profile.Out.Writer.WriteLine(json.ToJsonString(Indented));

    /// <summary>A command's result: rendered, or as JSON; a problem is said and fails the command.</summary>
    public int Show<T>(CommandResult<T> result, VerbSettings settings, Func<T, IRenderable> render, Func<T, JsonObject> json)
        where T : class
    {
        if (!result.IsSuccess)
            return Refuse(result.Problem!, settings);
        if (settings.Json)
            WriteJson(JsonViews.Ok(json(result.Value!)));
        else
            Write(render(result.Value!));
        return Success;
    }

    /// <summary>Says why nothing was done, and fails the command.</summary>
    public int Refuse(string problem, VerbSettings settings)
    {
        if (settings.Json)
            WriteJson(JsonViews.Problem(problem));
        else
            console.MarkupLine($"[red]✗[/] {TerminalText.Markup(problem)}");
        return Failure;
    }

    /// <summary>Work that may take a while, with a spinner where the terminal can show one.</summary>
    public Task<T> WhileAsync<T>(string status, VerbSettings settings, Func<Task<T>> work) =>
        CanAnimate && !settings.Json ? console.Status().StartAsync(Spectre.Console.Markup.Escape(status), _ => work()) : work();
}
