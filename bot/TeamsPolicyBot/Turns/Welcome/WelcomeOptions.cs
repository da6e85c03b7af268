namespace TeamsPolicyBot.Turns.Welcome;

/// <summary>The <c>Welcome</c> section.</summary>
public sealed class WelcomeOptions
{
    public const string Section = "Welcome";

    /// <summary>
    /// Whether the welcome card's "Request an official account", "Report an incident" and "Get support with harassment"
    /// open in a Teams dialog (task/fetch) rather than posting the form (or the support card) into the chat. Teams opens dialogs; the Agents Playground's page
    /// does not (it shows "Task module (task/fetch) is not supported yet" and the button does nothing), so the local
    /// run turns this off and its buttons post the in-chat form instead.
    /// </summary>
    public bool FormsInDialogs { get; set; } = true;
}
