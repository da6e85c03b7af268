using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// What follows a stored change to a request: the requester's "My requests" entry, the Comms
/// channel card (posted, or replaced for everyone), the requester's notice, and on approval the
/// official account record. Runs after the change is saved, so a click never waits on Teams.
/// Every step may run again for the same state (a retried click re-runs it to repair a crash
/// between saving and queuing): the official account is added idempotently and each message is
/// queued under a key naming the request, its version and its status, so nothing goes out twice.
/// </summary>
internal sealed partial class AccountRequestFollowUp(
    IMyRequests myRequests,
    IOfficialAccounts officialAccounts,
    IProactiveMessenger messenger,
    AccountRequestCards cards,
    TeamsMembers members,
    IOptions<CommsOptions> comms,
    ILogger<AccountRequestFollowUp> logger)
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of the channel card, whose delivery <see cref="ApprovalCardDelivery"/> records.</summary>
    public const string TagKind = "account-request";

    /// <summary>("account-request", "SMA-2026-0001", "v2"): which request and which version the channel card showed.</summary>
    public static DeliveryTag ChannelCardTag(AccountRequest request) =>
        new(TagKind, request.Reference, string.Create(CultureInfo.InvariantCulture, $"v{request.Version}"));

    public static (string Reference, int Version)? ChannelCardOf(DeliveryTag? tag) =>
        tag is { Kind: TagKind, Parts: [var reference, ['v', .. var version]] } && int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (reference, number)
            : null;

    public async Task SubmittedAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(request.ToMyRequestItem(), cancellationToken);
        await messenger.PostToCommsChannelAsync(await ChannelCardAsync(request, cancellationToken), ChannelCardTag(request), cancellationToken, StepKey(request, "channel-card"));
    }

    /// <summary>A resubmission or a withdrawal: the index and the channel card change; the requester already sees it in their chat.</summary>
    public async Task ChangedByRequesterAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(request.ToMyRequestItem(), cancellationToken);
        await UpdateChannelCardAsync(request, cancellationToken);
    }

    public async Task DecidedAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        await myRequests.UpsertAsync(request.ToMyRequestItem(), cancellationToken);
        DateTimeOffset? auditDue = null;
        if (request.Status == AccountRequestStatus.Approved)
        {
            auditDue = (await officialAccounts.AddFromApprovedRequestAsync(request, cancellationToken)).NextAuditDue;
        }

        await UpdateChannelCardAsync(request, cancellationToken);
        var notice = Activity.CreateMessage(attachments: cards.DecisionNotice(request, auditDue));
        notice.Summary = $"Your request {request.Reference}: {AccountRequestIndex.StatusText(request.Status)}";
        var reach = await messenger.SendToPersonAsync(request.Requester.AadObjectId, notice, tag: null, cancellationToken, StepKey(request, "notice"));
        if (!reach.IsQueued)
        {
            LogRequesterUnreachable(logger, request.Reference, reach.Reason);
        }
    }

    /// <summary>
    /// Runs again whatever should have followed the request's current state. Called when a click
    /// is refused because the change already happened: if the bot crashed between saving that
    /// change and queuing its messages, the retried click (Teams retries unanswered invokes) repairs it.
    /// </summary>
    public Task RepairAsync(AccountRequest current, CancellationToken cancellationToken) => current.Status switch
    {
        AccountRequestStatus.Pending when current.Version == 1 => SubmittedAsync(current, cancellationToken),
        AccountRequestStatus.Pending or AccountRequestStatus.Withdrawn => ChangedByRequesterAsync(current, cancellationToken),
        _ => DecidedAsync(current, cancellationToken),
    };

    /// <summary>Replaces the channel card for everyone, once we know where it is (see <see cref="ApprovalCardDelivery"/>).</summary>
    public async Task UpdateChannelCardAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        if (request.ApprovalCard is { } card)
        {
            await messenger.UpdateAsync(card, await ChannelCardAsync(request, cancellationToken), cancellationToken, StepKey(request, "card-update"));
        }
    }

    private static string StepKey(AccountRequest request, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"{TagKind}/{request.Reference}/v{request.Version}/{request.Status}/{step}");

    /// <summary>
    /// What the channel sees. While it is pending, the approvers (but not the requester) get the decision
    /// buttons through the card's refresh, everyone else a card that says it is waiting for Comms
    /// (see <see cref="TeamsMembers.CardAudienceAsync"/>).
    /// </summary>
    private async Task<Activity> ChannelCardAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        var deciders = comms.Value.ApproverIds.Where(id => !ObjectIds.Same(id, request.Requester.AadObjectId)).ToList();
        var audience = request.Status == AccountRequestStatus.Pending ? await members.CardAudienceAsync(deciders, cancellationToken) : CardAudience.NobodyActs;
        var activity = Activity.CreateMessage(attachments: cards.Approval(request, audience.EveryoneSeesActions, audience.RefreshUserIds));
        activity.Summary = $"Official account request {request.Reference}: {AccountRequestIndex.StatusText(request.Status)}";
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the requester of {Reference}: {Reason}")]
    private static partial void LogRequesterUnreachable(ILogger logger, string reference, UnreachableReason reason);
}
