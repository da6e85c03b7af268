using System.Globalization;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// The request's card in the Comms channel: posted once as a new thread when the request arrives, then replaced for
/// everyone after every change (a projection of the request), once <see cref="ApprovalCardDelivery"/> has recorded where it landed.
/// </summary>
internal sealed class ApprovalChannelCard(
    IProactiveMessenger messenger,
    AccountRequestCards cards,
    TeamsMembers members,
    IOfficialAccounts register,
    IOptions<CommsOptions> comms) : IRecordProjection<AccountRequest>
{
    /// <summary>The <see cref="DeliveryTag.Kind"/> of the channel card, whose delivery <see cref="ApprovalCardDelivery"/> records.</summary>
    public const string TagKind = "account-request";

    /// <summary>("account-request", "SMA-2026-0001", "v2"): which request and which version the channel card showed.</summary>
    public static DeliveryTag Tag(AccountRequest request) =>
        new(TagKind, request.Reference, string.Create(CultureInfo.InvariantCulture, $"v{request.Version}"));

    /// <summary>The request a posted card is about (which version it showed does not matter: the card is replaced by the current one).</summary>
    public static string? PostedIn(DeliveryTag? tag) => tag is { Kind: TagKind, Parts: [var reference, ..] } ? reference : null;

    /// <summary>"account-request/SMA-2026-0001/v2/Approved/notice": a message queued once per version and status of the request.</summary>
    public static string StepKey(AccountRequest request, string step) =>
        string.Create(CultureInfo.InvariantCulture, $"{TagKind}/{request.Reference}/v{request.Version}/{request.Status}/{step}");

    public async Task PostAsync(AccountRequest request, CancellationToken cancellationToken) =>
        await messenger.PostToCommsChannelAsync(CommsChannel.AccountRequests, await CardAsync(request, cancellationToken), Tag(request), cancellationToken, StepKey(request, "channel-card"));

    /// <summary>
    /// Replaces the channel card for everyone, once we know where it is and the request has moved on from what the
    /// posted card shows (a new request, version 1, pending).
    /// </summary>
    public async Task ShowAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        if (request.ApprovalCard is { } card && request is not { Status: AccountRequestStatus.Pending, Version: 1 })
        {
            await messenger.UpdateAsync(card, await CardAsync(request, cancellationToken), cancellationToken, StepKey(request, "card-update"));
        }
    }

    /// <summary>
    /// After a note: the card again for everyone (its history now says a note was added, never what it says), which also
    /// makes Teams fetch each approver's own view again, with the note. Once per note, whatever the request's state.
    /// </summary>
    public async Task NotedAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        if (request.ApprovalCard is { } card)
        {
            var note = (request.EarlierNotes + request.Notes.Count).ToString(CultureInfo.InvariantCulture);
            await messenger.UpdateAsync(card, await CardAsync(request, cancellationToken), cancellationToken, StepKey(request, $"note-{note}/card-update"));
        }
    }

    /// <summary>
    /// What the channel sees. While it is pending, the approvers (but not the requester) get the decision
    /// buttons through the card's refresh, everyone else a card that says it is waiting for Comms
    /// (see <see cref="TeamsMembers.CardAudienceAsync"/>).
    /// </summary>
    private async Task<Activity> CardAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        var deciders = comms.Value.ApproverIds.Where(id => !ObjectIds.Same(id, request.Requester.AadObjectId)).ToList();
        var audience = request.Status == AccountRequestStatus.Pending ? await members.CardAudienceAsync(deciders, cancellationToken) : CardAudience.NobodyActs;
        var registered = await RegisteredAsync(register, request, cancellationToken);
        var activity = Activity.CreateMessage(attachments: cards.Approval(request, audience.EveryoneSeesActions, audience.RefreshUserIds, registered));
        activity.Summary = $"Official account request {request.Reference}: {AccountRequestIndex.StatusText(request.Status)}";
        return activity;
    }

    /// <summary>The account the register already holds with the request's platform and handle, while the request is pending (one point read).</summary>
    public static Task<RegisteredHandle?> RegisteredAsync(IOfficialAccounts register, AccountRequest request, CancellationToken cancellationToken) =>
        request.Status == AccountRequestStatus.Pending
            ? register.FindByHandleAsync(request.Details.Platform, request.Details.PlatformName, request.Details.Handle, cancellationToken)
            : Task.FromResult<RegisteredHandle?>(null);
}
