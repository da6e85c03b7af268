using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Turns;

/// <summary>
/// Every verb and command the router knows, with its rule. A verb the router registers without a rule here fails the
/// role × verb test, so nothing new can answer about a record without saying who may see the answer.
/// </summary>
internal static class VerbVisibility
{
    private const RecordViews AnyView = RecordViews.Working | RecordViews.Shared | RecordViews.Starter;

    public static IReadOnlyDictionary<string, VerbRule> Rules { get; } = new Dictionary<string, VerbRule>(StringComparer.OrdinalIgnoreCase)
    {
        // Commands and forms: an empty form, or the sender's own typing back; My requests lists the sender's own only.
        ["help"] = VerbRule.NoRecord,
        ["requests.mine"] = VerbRule.NoRecord,
        [AccountRequestVerbs.Start] = VerbRule.NoRecord,
        [IncidentVerbs.Start] = VerbRule.NoRecord,
        [IncidentVerbs.Continue] = VerbRule.NoRecord,
        [SupportVerbs.Start] = VerbRule.NoRecord,
        [SupportVerbs.Form] = VerbRule.NoRecord,
        [SupportVerbs.Review] = VerbRule.NoRecord,
        [SupportVerbs.Edit] = VerbRule.NoRecord,

        // The channel cards' refresh: the best view the viewer has, or nothing.
        [AccountRequestVerbs.Refresh] = new(RecordKind.AccountRequest, AnyView),
        [IncidentVerbs.Refresh] = new(RecordKind.Incident, AnyView),
        [SupportVerbs.Refresh] = new(RecordKind.SupportReferral, AnyView),

        // The starter's own: submitting (a replayed submission id shows the record only to whoever made it), resubmitting, editing, withdrawing, answering.
        [AccountRequestVerbs.Submit] = new(RecordKind.AccountRequest, RecordViews.Starter),
        [AccountRequestVerbs.Edit] = new(RecordKind.AccountRequest, RecordViews.Starter),
        [AccountRequestVerbs.Withdraw] = new(RecordKind.AccountRequest, RecordViews.Starter),
        [IncidentVerbs.Submit] = new(RecordKind.Incident, RecordViews.Starter),
        [IncidentVerbs.Answer] = new(RecordKind.Incident, RecordViews.Starter),
        [SupportVerbs.Confirm] = new(RecordKind.SupportReferral, RecordViews.Starter),
        [SupportVerbs.Reply] = new(RecordKind.SupportReferral, RecordViews.Starter),
        [SupportVerbs.Withdraw] = new(RecordKind.SupportReferral, RecordViews.Starter),

        // Comms deciding and triaging: the working card, to approvers only.
        [AccountRequestVerbs.Approve] = new(RecordKind.AccountRequest, RecordViews.Working),
        [AccountRequestVerbs.Reject] = new(RecordKind.AccountRequest, RecordViews.Working),
        [AccountRequestVerbs.RequestChanges] = new(RecordKind.AccountRequest, RecordViews.Working),
        [IncidentVerbs.Take] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Ask] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Escalate] = new(RecordKind.Incident, RecordViews.Working),
        [IncidentVerbs.Resolve] = new(RecordKind.Incident, RecordViews.Working),

        // Taking a referral answers with the channel card (nothing personal); the details go to the new owner's private chat.
        [SupportVerbs.Take] = new(RecordKind.SupportReferral, RecordViews.Shared | RecordViews.Working),

        // Working the case: the case card, to the case handler who has it only ("message" is also the person's reply box on a relayed reply).
        [SupportVerbs.Message] = new(RecordKind.SupportReferral, RecordViews.Working | RecordViews.Starter),
        [SupportVerbs.RecordAction] = new(RecordKind.SupportReferral, RecordViews.Working),
        [SupportVerbs.Close] = new(RecordKind.SupportReferral, RecordViews.Working),
        [SupportVerbs.HandOver] = new(RecordKind.SupportReferral, RecordViews.Working),
    };
}
