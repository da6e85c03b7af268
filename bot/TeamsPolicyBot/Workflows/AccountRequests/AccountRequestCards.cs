using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests.Cards;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>Turns a stored account request into the cards each audience sees.</summary>
internal sealed class AccountRequestCards(CardTemplates templates, IOptions<CommsOptions> comms)
{
    public Attachment Form(RequestFormCard card) => templates.RenderAttachment(AccountRequestCardNames.Form, card);

    /// <summary>The form again, for "edit and resubmit", filled in from what was stored.</summary>
    public Attachment ResubmissionForm(AccountRequest request) =>
        Form(RequestFormCard.Resubmission(
            request.Reference,
            RequestFormValues.From(AccountRequestForm.FromDetails(request.Details, request.Reference)),
            request.Decision?.Message,
            request.Decision?.DecidedBy.Name) with
        { SecondAdminName = request.Details.SecondAdmin.Name });

    public Attachment Submitted(AccountRequest request) =>
        templates.RenderAttachment(AccountRequestCardNames.Submitted, SubmittedCard.Create(request.Reference, request.Version > 1, request.UpdatedAt, Summary(request)));

    /// <summary>
    /// The Comms channel card. <paramref name="viewerMayDecide"/> shows Approve/Reject/Ask for changes while pending;
    /// <paramref name="registered"/> is the account the register already holds with the same platform and handle, if any;
    /// <paramref name="viewerReadsNotes"/> the Comms team's notes and "Add a note", only for a Comms approver's own view
    /// (their refresh, the answer to their click), never for the card posted for everyone.
    /// </summary>
    public Attachment Approval(AccountRequest request, bool viewerMayDecide, IReadOnlyList<string>? refreshUserIds = null, RegisteredHandle? registered = null, bool viewerReadsNotes = false)
    {
        var (notes, earlierNotes) = viewerReadsNotes ? CommsNotes.Lines(request.Notes, request.EarlierNotes) : ([], "");
        var card = ApprovalCard.ForRequest(
                request.Reference,
                request.Version,
                request.Status.ToString(),
                request.Requester.Name,
                request.UpdatedAt,
                RequestFormValues.From(AccountRequestForm.FromDetails(request.Details, request.Reference)),
                request.Details.SecondAdmin.Name ?? request.Details.SecondAdmin.Email) with
        {
            ShowDecisionActions = viewerMayDecide && request.Status == AccountRequestStatus.Pending,
            Changes = request.PreviousDetails is { } previous
                ? ChangedField.Between(Summary(previous, request), Summary(request), previous, request.Details)
                : [],
            Outcome = Outcome(request.Decision),
            RefreshUserIds = request.Status == AccountRequestStatus.Pending ? refreshUserIds ?? [] : [],

            // Once decided the warning has done its work (and an approved request's own account would name itself).
            DuplicateNote = request.Status == AccountRequestStatus.Pending && registered is not null
                ? ApprovalCard.DuplicateNoteOf(registered.PlatformName, registered.Handle, registered.UnitName, registered.SourceReference)
                : null,
            NotesView = viewerReadsNotes,
            Notes = notes,
            EarlierNotes = earlierNotes,
        };
        var trail = request.Audit.Select(entry => AuditTrailLine.Create(entry.At, entry.ActorName, entry.Detail is null ? entry.Action : $"{entry.Action} ({Markdown.Escape(entry.Detail)})"));
        return templates.RenderAttachment(AccountRequestCardNames.Approval, card.WithAuditTrail(trail.ToList(), request.EarlierAudit));
    }

    /// <summary>What the requester is told in their personal chat after a decision or a withdrawal.</summary>
    public Attachment DecisionNotice(AccountRequest request, DateTimeOffset? auditDue = null)
    {
        var decision = request.Decision ?? throw new InvalidOperationException($"{request.Reference} has no decision to announce.");
        var name = AccountRequestCardText.AccountName(
            SocialPlatforms.Choices.ValueOf(request.Details.Platform), request.Details.PlatformOther, request.Details.Handle);
        var by = decision.DecidedBy.Name;
        var notice = decision.Outcome switch
        {
            DecisionOutcome.Approved => DecisionNoticeCard.Approved(request.Reference, name, by, decision.DecidedAt, auditDue ?? decision.DecidedAt.AddYears(1)),
            DecisionOutcome.Rejected => DecisionNoticeCard.Rejected(request.Reference, name, by, decision.DecidedAt, RejectValue(decision), decision.Message),
            DecisionOutcome.ChangesRequested => DecisionNoticeCard.ChangesRequested(request.Reference, name, by, decision.DecidedAt, decision.Message ?? string.Empty),
            _ => DecisionNoticeCard.Withdrawn(request.Reference, name, decision.DecidedAt),
        };
        return templates.RenderAttachment(AccountRequestCardNames.DecisionNotice, notice with
        {
            ContactEmail = comms.Value.ContactEmail,
            NeedsLink = decision.Outcome == DecisionOutcome.Approved && !request.Details.AlreadyExists,
            ProposedHandle = request.Details.Handle,
        });
    }

    private static RequestSummary Summary(AccountRequest request) => Summary(request.Details, request);

    /// <summary>The summary of <paramref name="details"/>, this version's or the one before, as <paramref name="request"/>'s cards show it.</summary>
    private static RequestSummary Summary(AccountRequestDetails details, AccountRequest request) =>
        RequestSummary.From(
            RequestFormValues.From(AccountRequestForm.FromDetails(details, request.Reference)),
            request.Requester.Name,
            details.SecondAdmin.Name ?? details.SecondAdmin.Email);

    private static ApprovalOutcome? Outcome(Decision? decision) => decision?.Outcome switch
    {
        DecisionOutcome.Approved => ApprovalOutcome.Approved(decision.DecidedBy.Name, decision.DecidedAt),
        DecisionOutcome.Rejected => ApprovalOutcome.Rejected(decision.DecidedBy.Name, decision.DecidedAt, RejectValue(decision), decision.Message),
        DecisionOutcome.ChangesRequested => ApprovalOutcome.ChangesRequested(decision.DecidedBy.Name, decision.DecidedAt, decision.Message ?? string.Empty),
        DecisionOutcome.Withdrawn => ApprovalOutcome.Withdrawn(decision.DecidedAt),
        _ => null,
    };

    private static string RejectValue(Decision decision) =>
        AccountRequestChoices.RejectReasons.ValueOf(decision.RejectReason ?? RejectReason.Other);
}
