using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Records;

/// <summary>The kinds of record the bot keeps about people.</summary>
internal enum RecordKind
{
    AccountRequest,
    Incident,
    SupportReferral,

    /// <summary>An entry in the register of official accounts: Comms approvers see the register; an account's administrators see their own in "my accounts".</summary>
    OfficialAccount,
}

/// <summary>What someone is to one record. A person may be several at once; they see what the most of them allows.</summary>
internal enum RecordRole
{
    /// <summary>The requester, the reporter, or the person asking for support.</summary>
    Starter,

    /// <summary>One of <c>Comms:ApproverIds</c>.</summary>
    CommsApprover,

    /// <summary>The case handler who has the case now.</summary>
    CaseOwner,

    /// <summary>One of <c>Support:CaseHandlerIds</c> who does not have the case.</summary>
    OtherCaseHandler,

    /// <summary>One of <c>Escalation:ContactIds</c>, on a record they were told about (an escalated incident, an urgent referral).</summary>
    EscalationContact,

    /// <summary>The line manager the person asking for support confirmed.</summary>
    LineManager,

    /// <summary>Anyone asking from the Comms channel, where the record's shared card is posted for everyone there.</summary>
    InCommsChannel,

    /// <summary>Anyone else.</summary>
    AnyoneElse,
}

/// <summary>The views of a record. What a person may see is a set of them; the cards each workflow draws for a view show that much, never more.</summary>
[Flags]
internal enum RecordViews
{
    /// <summary>Nothing: the answer is <see cref="Visibility.NotFound"/>, the same words as for a record that does not exist.</summary>
    None = 0,

    /// <summary>
    /// The card everyone in the Comms channel sees, without buttons: for an account request or an incident the whole
    /// channel card; for a support referral the reference, urgency, status and the case handler's name only.
    /// </summary>
    Shared = 1,

    /// <summary>The person's own cards about what they started: their confirmation, their notices, their form to resubmit.</summary>
    Starter = 2,

    /// <summary>The working view with everything: the approval card, the triage card, the case card with the person's details.</summary>
    Working = 4,
}

/// <summary>Who is looking: their Entra object id, and whether they ask from the Comms channel.</summary>
internal sealed record Viewer(string AadObjectId, bool InCommsChannel);

/// <summary>The people one record names, as the rule needs them.</summary>
/// <param name="EscalationContactsTold">The escalation contacts were told about it (an escalated incident, an urgent referral).</param>
internal sealed record RecordPeople(RecordKind Kind, string StarterId, string? CaseOwnerId = null, string? LineManagerId = null, bool EscalationContactsTold = false);

/// <summary>
/// Who may see what, for every kind of record, in one place. Every path that answers with or sends a card or text
/// about a record asks this first (refreshes, invoke answers, forms shown again with errors, replayed submissions,
/// resubmission forms); the workflows then draw the card for the view allowed, or answer <see cref="NotFound"/>.
/// README "Who sees what" is this table in words.
/// </summary>
internal sealed class Visibility(IOptions<CommsOptions> comms, IOptions<SupportOptions> support, IOptions<EscalationOptions> escalation)
{
    private const RecordViews Everything = RecordViews.Working | RecordViews.Shared;

    /// <summary>The rule. A role missing from a kind's row sees nothing of it.</summary>
    public static IReadOnlyDictionary<RecordKind, IReadOnlyDictionary<RecordRole, RecordViews>> Rules { get; } = new Dictionary<RecordKind, IReadOnlyDictionary<RecordRole, RecordViews>>
    {
        [RecordKind.AccountRequest] = new Dictionary<RecordRole, RecordViews>
        {
            [RecordRole.Starter] = RecordViews.Starter,
            [RecordRole.CommsApprover] = Everything,
            [RecordRole.InCommsChannel] = RecordViews.Shared,
        },
        [RecordKind.Incident] = new Dictionary<RecordRole, RecordViews>
        {
            [RecordRole.Starter] = RecordViews.Starter,
            [RecordRole.CommsApprover] = Everything,
            [RecordRole.EscalationContact] = RecordViews.Shared,
            [RecordRole.InCommsChannel] = RecordViews.Shared,
        },
        [RecordKind.SupportReferral] = new Dictionary<RecordRole, RecordViews>
        {
            [RecordRole.Starter] = RecordViews.Starter,
            [RecordRole.CaseOwner] = Everything,
            [RecordRole.OtherCaseHandler] = RecordViews.Shared,
            [RecordRole.CommsApprover] = RecordViews.Shared,
            [RecordRole.EscalationContact] = RecordViews.Shared,
            [RecordRole.InCommsChannel] = RecordViews.Shared,

            // The line manager is sent their notice (the details only if the person allowed it) and has no view to ask for.
        },
        [RecordKind.OfficialAccount] = new Dictionary<RecordRole, RecordViews>
        {
            // The starter of an account is each of its administrators; their "my accounts" lists only their own, and
            // their audit and closing cards are theirs. Comms approvers see the register and decide on audits (working view).
            [RecordRole.Starter] = RecordViews.Starter,
            [RecordRole.CommsApprover] = Everything,
        },
    };

    /// <summary>What anyone without a right to a record hears when they ask for a view of it, the same as for a record that does not exist.</summary>
    public static string NotFound(RecordKind kind) => kind switch
    {
        RecordKind.AccountRequest => "That request could not be found.",
        RecordKind.Incident => "That incident could not be found.",
        RecordKind.OfficialAccount => "That account could not be found.",
        _ => "That support request could not be found.",
    };

    /// <summary>What a person who already used a form hears when its submission id turns out to be someone else's: nothing of theirs.</summary>
    public const string FormAlreadyUsed = "This form was already sent. Type \"help\" to start again.";

    /// <summary>
    /// The person acting in this turn. "In the Comms channel" is where Teams says the click came from: only members of the
    /// Comms team can act in its channel, and they see the channel cards there anyway.
    /// </summary>
    public Viewer ViewerOf(ITurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var conversation = turn.Activity.Conversation;
        var inChannel = conversation is { ConversationType: ConversationTypes.Channel, Id: { } id } && new CommsChannels(comms).Includes(id);
        return new Viewer(turn.Activity.From?.AadObjectId ?? string.Empty, inChannel);
    }

    public IReadOnlySet<RecordRole> RolesOf(RecordPeople record, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(viewer);
        var id = viewer.AadObjectId;
        var roles = new HashSet<RecordRole>();
        if (string.IsNullOrWhiteSpace(id))
        {
            roles.Add(RecordRole.AnyoneElse);
            return roles;
        }

        if (ObjectIds.Same(id, record.StarterId))
        {
            roles.Add(RecordRole.Starter);
        }

        if (ObjectIds.Includes(comms.Value.ApproverIds, id))
        {
            roles.Add(RecordRole.CommsApprover);
        }

        if (record.CaseOwnerId is not null && ObjectIds.Same(id, record.CaseOwnerId))
        {
            roles.Add(RecordRole.CaseOwner);
        }
        else if (ObjectIds.Includes(support.Value.CaseHandlerIds, id))
        {
            roles.Add(RecordRole.OtherCaseHandler);
        }

        if (record.EscalationContactsTold && ObjectIds.Includes(escalation.Value.ContactIds, id))
        {
            roles.Add(RecordRole.EscalationContact);
        }

        if (record.LineManagerId is not null && ObjectIds.Same(id, record.LineManagerId))
        {
            roles.Add(RecordRole.LineManager);
        }

        if (viewer.InCommsChannel)
        {
            roles.Add(RecordRole.InCommsChannel);
        }

        if (roles.Count == 0)
        {
            roles.Add(RecordRole.AnyoneElse);
        }

        return roles;
    }

    /// <summary>Every view <paramref name="viewer"/> may have of the record.</summary>
    public RecordViews ViewsOf(RecordPeople record, Viewer viewer) =>
        RolesOf(record, viewer).Aggregate(RecordViews.None, (views, role) => views | Rules[record.Kind].GetValueOrDefault(role, RecordViews.None));

    public bool May(RecordPeople record, Viewer viewer, RecordViews view) => (ViewsOf(record, viewer) & view) == view && view != RecordViews.None;

    /// <summary>Whether the person acting in <paramref name="turn"/> may have <paramref name="view"/> of the record.</summary>
    public bool May(ITurnContext turn, RecordPeople record, RecordViews view) => May(record, ViewerOf(turn), view);

    /// <summary>
    /// Whether the viewer may read the Comms team's notes on an incident or an account request, and add one: a Comms
    /// approver who did not start the record. Notes are never shown to the reporter or requester, even one who is in the
    /// Comms team (they are about them). A confidential incident's notes are narrower still (see <c>IncidentCards</c>).
    /// </summary>
    public bool MayReadCommsNotes(RecordPeople record, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(record);
        var roles = RolesOf(record, viewer);
        return record.Kind != RecordKind.SupportReferral && roles.Contains(RecordRole.CommsApprover) && !roles.Contains(RecordRole.Starter);
    }

    /// <inheritdoc cref="MayReadCommsNotes(RecordPeople, Viewer)"/>
    public bool MayReadCommsNotes(ITurnContext turn, RecordPeople record) => MayReadCommsNotes(record, ViewerOf(turn));

    /// <summary>
    /// The one view to answer a request for "a view" with (a card's refresh): the working view, else the channel's
    /// shared card, else the person's own, else none.
    /// </summary>
    public RecordViews BestViewOf(ITurnContext turn, RecordPeople record) => BestViewOf(record, ViewerOf(turn));

    /// <inheritdoc cref="BestViewOf(ITurnContext, RecordPeople)"/>
    public RecordViews BestViewOf(RecordPeople record, Viewer viewer)
    {
        var views = ViewsOf(record, viewer);
        return views.HasFlag(RecordViews.Working) ? RecordViews.Working
            : views.HasFlag(RecordViews.Shared) ? RecordViews.Shared
            : views.HasFlag(RecordViews.Starter) ? RecordViews.Starter
            : RecordViews.None;
    }
}
