using TeamsPolicyBot.Turns.MyRequests;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>How a referral appears in the person's "My requests" (a title without any of their typed text).</summary>
internal static class SupportIndex
{
    public const string Kind = "Harassment support";

    public static MyRequestItem ToMyRequestItem(this SupportReferral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var title = referral.IsUrgent ? "Support with harassment · Urgent" : "Support with harassment";
        return new MyRequestItem(referral.Person.AadObjectId, referral.Reference, Kind, title, StatusText(referral), referral.CreatedAt, referral.UpdatedAt);
    }

    public static string StatusText(SupportReferral referral) => referral.Status switch
    {
        ReferralStatus.New => "Waiting for a case handler",
        ReferralStatus.Taken => "A case handler is looking after it",

        // The channel shows this too: it says the person withdrew, never who they are or why.
        ReferralStatus.Withdrawn => "Withdrawn",
        _ => "Closed: " + SupportChoices.Outcomes.TitleOf(referral.Closure!.Outcome),
    };
}
