namespace BraketBot.Domain;

/// <summary>A task tag as a budget names it, <c>key=value</c>: a task carries it when its tags hold that key with that value.</summary>
public sealed record TaskTag(string Key, string Value)
{
    /// <summary>Reads <c>key=value</c> (split at the first '='); the key must not be empty, the value may be.</summary>
    public static bool TryParse(string? text, out TaskTag tag)
    {
        tag = new TaskTag("", "");
        var at = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (text is null || at <= 0 || text[..at].Trim().Length == 0)
            return false;
        tag = new TaskTag(text[..at].Trim(), text[(at + 1)..].Trim());
        return true;
    }

    /// <summary>Whether the task carries this tag; a task whose tags are not known yet carries none.</summary>
    public bool On(QuantumTaskSummary task) => On(task.Tags);

    /// <summary>Whether these tags (a task's or a hybrid job's; null: not known) hold this one.</summary>
    public bool On(IReadOnlyDictionary<string, string>? tags) =>
        tags is not null && tags.TryGetValue(Key, out var value) && string.Equals(value, Value, StringComparison.Ordinal);

    public override string ToString() => $"{Key}={Value}";
}
