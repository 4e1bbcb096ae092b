namespace BraketBot.Ports;

/// <summary>Values remembered by key (the ts of a breach alert for its follow-ups, the last price list, a job's word).</summary>
public interface IKeyValueStore
{
    /// <summary>Remembers a value, in place of any earlier one.</summary>
    Task SetValueAsync(string key, string value, CancellationToken cancellationToken);

    Task<string?> GetValueAsync(string key, CancellationToken cancellationToken);
}
