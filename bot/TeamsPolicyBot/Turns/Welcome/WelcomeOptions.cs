namespace TeamsPolicyBot.Turns.Welcome;

/// <summary>The <c>Welcome</c> section.</summary>
public sealed class WelcomeOptions
{
    public const string Section = "Welcome";

    /// <summary>
    /// Whether the welcome card's "Request an official account" and "Report an incident" open their forms in a Teams
    /// dialog (task/fetch) rather than posting the form into the chat. Teams opens dialogs; the Agents Playground's page
    /// does not (it shows "Task module (task/fetch) is not supported yet" and the button does nothing), so the local
    /// run turns this off and its buttons post the in-chat form instead.
    /// </summary>
    public bool FormsInDialogs { get; set; } = true;
}
