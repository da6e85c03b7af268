namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>Waiting for something another process or thread does, with a deadline instead of a fixed pause.</summary>
internal static class Poll
{
    /// <summary>True as soon as <paramref name="done"/> holds; false if it still does not after <paramref name="timeout"/>.</summary>
    public static async Task<bool> UntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }
}
