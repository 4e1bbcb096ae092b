namespace BraketBot.Braket;

/// <summary>Where one region's and operation's quota tokens come from: this process's bucket, or slices of a shared one.</summary>
public interface IQuotaTokens
{
    /// <summary>Takes a token that is ready now, with no waiting and no I/O; false when there is none.</summary>
    bool TryTakeNow();

    /// <summary>Takes the next token, completing when it may be used; <paramref name="wanted"/> callers are waiting for one.</summary>
    Task NextAsync(int wanted);

    /// <summary>Puts back a token taken by <see cref="NextAsync"/> that nobody used (its caller gave up).</summary>
    void GiveBack();

    /// <summary>A call sent at <paramref name="sentAt"/> (a timestamp of the limiter's clock) was answered: Braket has seen it.</summary>
    void Answered(long sentAt);
}
