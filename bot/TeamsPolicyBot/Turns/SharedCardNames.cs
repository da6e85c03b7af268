using TeamsPolicyBot.Cards;

namespace TeamsPolicyBot.Turns;

/// <summary>The cards that belong to no one workflow (cards/shared/).</summary>
[CardTemplateNames]
internal static class SharedCardNames
{
    /// <summary>What the bot is for, with a button for each workflow.</summary>
    public const string Welcome = "shared/welcome";

    /// <summary>The user's own requests of every workflow, newest first.</summary>
    public const string MyRequests = "shared/my-requests";

    /// <summary>The policy's clauses that answer a question typed in the personal chat, with the button that fits.</summary>
    public const string PolicyAnswer = "shared/policy-answer";

    /// <summary>Every record that names the user, in any role, with its delete-on date, the privacy notice and whom to ask.</summary>
    public const string MyData = "shared/my-data";
}
