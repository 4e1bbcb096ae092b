using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BraketBot.Tests.Robustness;

/// <summary>Property-based: whatever arrives, the parsers answer, never throw, and give a reason for every refusal.</summary>
public sealed class ParserProperties
{
    private static readonly string[] Words =
    [
        "info",
        "cancel",
        "caps",
        "limits",
        "help",
        "today",
        "yesterday",
        "2022-04-10",
        "2022-4-9",
        "2022-13-40",
        "Aspen-M-1",
        "aspen-m-1",
        "arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1",
        "arn:aws:braket:us-west-1:111122223333:quantum-task/4b5c6d7e",
        "`",
        "<",
        ">",
        "\"",
        "\u00a0",
        "\t",
        "💥",
        "",
        " ",
    ];

    /// <summary>Texts made of the words the parser knows, in any order, with noise between them.</summary>
    private static Arbitrary<string> CommandTexts() =>
        Gen.OneOf(
                Gen.Elements(Words).ListOf().Select(w => string.Join(' ', w)),
                ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
                Gen.Zip(Gen.Elements(Words), ArbMap.Default.GeneratorFor<NonNull<string>>()).Select(p => p.Item1 + " " + p.Item2.Get)
            )
            .ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property The_command_parser_answers_everything_and_explains_each_refusal() => Prop.ForAll(CommandTexts(), text =>
        {
            var parsed = CommandParser.Parse(text);
            // Null separators split on every char.IsWhiteSpace, as the parser's \s does (form feed and vertical tab included).
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var askedForHelp =
                words.Length == 0
                || words[0].Trim('`', '"', '\'', '<', '>', '“', '”') is "" or "help"
                || words[0].Equals("help", StringComparison.OrdinalIgnoreCase);
            return parsed is not ParsedCommand.Help help || help.Problem is { Length: > 0 } || askedForHelp;
        });

    private static Arbitrary<string> PayloadTexts()
    {
        const string valid =
            """{"type":"block_actions","user":{"id":"U1"},"response_url":"https://hooks.slack.com/actions/1","actions":[{"act"""
            + """ion_id":"cancel_all_queued","value":"{}"}]}""";
        return Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
                Gen.Choose(0, valid.Length - 1)
                    .SelectMany(cut =>
                        Gen.Elements("", "\"", "}", "null", "[", "1e999", "\\u0000").Select(insert => valid[..cut] + insert + valid[cut..])
                    ),
                Gen.Choose(0, valid.Length).Select(length => valid[..length]),
                Gen.Elements(
                    "null",
                    "[]",
                    "{}",
                    "\"text\"",
                    "{\"user\":null,\"actions\":null}",
                    "{\"user\":{\"id\":5}}",
                    "{\"actions\":[null]}"
                )
            )
            .ToArbitrary();
    }

    [Property(MaxTest = 3000)]
    public Property The_interaction_payload_parser_never_throws() => Prop.ForAll(PayloadTexts(), text =>
        {
            var payload = BlockActionsPayload.Parse(text);
            return payload is null || (payload.User.Id.Length > 0 && payload.ResponseUrl!.IsAbsoluteUri && payload.Actions is not null);
        });

    private static Arbitrary<string> EventTexts()
    {
        var valid = Events.Sample;
        return Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""),
                Gen.Choose(0, valid.Length - 1)
                    .SelectMany(cut =>
                        Gen.Elements("", "\"", "}", "null", "[", "-1", "{}", "\"\"")
                            .Select(insert => valid[..cut] + insert + valid[(cut + 1)..])
                    ),
                Gen.Choose(0, valid.Length).Select(length => valid[..length])
            )
            .ToArbitrary();
    }

    [Property(MaxTest = 3000)]
    public Property The_eventbridge_parser_never_throws_and_explains_each_refusal() =>
        Prop.ForAll(EventTexts(), text => TaskStateChange.Parse(Encoding.UTF8.GetBytes(text)) switch
            {
                EventParse.Invalid invalid => invalid.Reason.Length > 0,
                EventParse.TaskEvent task => task.Task.Shots >= 0 && task.EventId.Length > 0,
                EventParse.Other other => other.EventId.Length > 0,
                _ => false,
            });
}

file static class Events
{
    public static string Sample { get; } =
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "eventbridge-braket-task-state-change.json"));
}
