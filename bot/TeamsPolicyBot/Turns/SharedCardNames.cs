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
}
