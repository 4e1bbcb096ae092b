namespace BraketBot.Testing;

/// <summary>
/// Two copies of one async method, compiled optimized (this project always is) so that their state machines are value types, as
/// the bot's are in its image; each has its own, so preparing one cannot warm the other.
/// </summary>
public static class HotPathSamples
{
    public static class Prepared
    {
        public static async Task<int> WaitAsync(Task<int> gate) => await gate + 1;
    }

    public static class Unprepared
    {
        public static async Task<int> WaitAsync(Task<int> gate) => await gate + 1;

        public static Task<int> WaitInLambdaAsync(Task<int> gate)
        {
            Func<Task<int>> lambda = async () => await gate + 1;
            return lambda();
        }
    }
}
