namespace TeamsPolicyBot.Admin;

/// <summary>
/// The entry point, in the tool's namespace rather than top-level statements: the tests see both this assembly and the
/// bot's, and the bot's <c>Program</c> must stay the only global one.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => AdminApp.RunAsync(args, Console.Out, Console.Error);
}
