using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

public class AccountRequestStateMachineTests
{
    private static readonly DateTimeOffset DecidedAt = new(2026, 3, 3, 14, 5, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = DecidedAt.AddHours(2);

    private static AccountRequest Ok(TransitionResult result)
    {
        Assert.True(result.Succeeded, result.Refusal?.Message);
        return result.Next;
    }

    /// <summary>A request brought to <paramref name="status"/> the legal way, decided by Grace Hopper at <see cref="DecidedAt"/>.</summary>
    private static AccountRequest In(string status) => status switch
    {
        "Pending" => Pending(),
        "Approved" => Ok(Pending().Approve(Approver, DecidedAt)),
        "Rejected" => Ok(Pending().Reject(Approver, RejectReason.ReputationalRisk, null, DecidedAt)),
        "ChangesRequested" => Ok(Pending().RequestChanges(Approver, "Add a named deputy.", DecidedAt)),
        "Withdrawn" => Ok(Pending().Withdraw(RequesterActor, DecidedAt)),
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static TransitionResult Act(AccountRequest request, string action) => action switch
    {
        "approve" => request.Approve(OtherApprover, Later),
        "reject" => request.Reject(OtherApprover, RejectReason.Duplicate, null, Later),
        "requestChanges" => request.RequestChanges(OtherApprover, "Say more.", Later),
        "withdraw" => request.Withdraw(RequesterActor, Later),
        "resubmit" => request.Resubmit(Details("handle=@new"), RequesterActor, Later, Guid.NewGuid().ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Fact]
    public void A_submitted_request_is_pending_version_one_with_a_submitted_audit_entry()
    {
        var request = Pending();

        Assert.Equal(AccountRequestStatus.Pending, request.Status);
        Assert.Equal(1, request.Version);
        Assert.Equal(SubmittedAt, request.CreatedAt);
        Assert.Equal(SubmittedAt, request.UpdatedAt);
        Assert.Null(request.Decision);
        var entry = Assert.Single(request.Audit);
        Assert.Equal(new TeamsPolicyBot.Records.AuditEntry(SubmittedAt, RequesterId, "Ada Lovelace", "Submitted", "Version 1"), entry);
    }

    [Fact]
    public void Pending_to_approved_records_the_decision_and_audits_it()
    {
        var pending = Pending();

        var approved = Ok(pending.Approve(Approver, DecidedAt, cardVersion: 1));

        Assert.Equal(AccountRequestStatus.Approved, approved.Status);
        Assert.Equal(new Decision(DecisionOutcome.Approved, Approver, DecidedAt), approved.Decision);
        Assert.Equal(DecidedAt, approved.UpdatedAt);
        Assert.Equal(SubmittedAt, approved.CreatedAt);
        Assert.Equal(2, approved.Audit.Count);
        Assert.Equal(new TeamsPolicyBot.Records.AuditEntry(DecidedAt, ApproverId, "Grace Hopper", "Approved"), approved.Audit[^1]);
        Assert.Equal(AccountRequestStatus.Pending, pending.Status);
        Assert.Single(pending.Audit);
    }

    [Fact]
    public void Pending_to_rejected_keeps_the_reason_and_details()
    {
        var rejected = Ok(Pending().Reject(Approver, RejectReason.Other, "  No named owner  ", DecidedAt));

        Assert.Equal(AccountRequestStatus.Rejected, rejected.Status);
        Assert.Equal(new Decision(DecisionOutcome.Rejected, Approver, DecidedAt, RejectReason.Other, "No named owner"), rejected.Decision);
        Assert.Equal(new TeamsPolicyBot.Records.AuditEntry(DecidedAt, ApproverId, "Grace Hopper", "Rejected", "Other: No named owner"), rejected.Audit[^1]);
    }

    [Fact]
    public void Pending_to_changes_requested_keeps_the_message()
    {
        var changes = Ok(Pending().RequestChanges(Approver, " Add a named deputy. ", DecidedAt));

        Assert.Equal(AccountRequestStatus.ChangesRequested, changes.Status);
        Assert.Equal(new Decision(DecisionOutcome.ChangesRequested, Approver, DecidedAt, Message: "Add a named deputy."), changes.Decision);
        Assert.Equal(new TeamsPolicyBot.Records.AuditEntry(DecidedAt, ApproverId, "Grace Hopper", "Changes requested", "Add a named deputy."), changes.Audit[^1]);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("ChangesRequested")]
    public void The_requester_can_withdraw_while_the_request_is_open(string status)
    {
        var before = In(status);

        var withdrawn = Ok(before.Withdraw(RequesterActor with { AadObjectId = RequesterId.ToUpperInvariant() }, Later));

        Assert.Equal(AccountRequestStatus.Withdrawn, withdrawn.Status);
        Assert.Equal(DecisionOutcome.Withdrawn, withdrawn.Decision?.Outcome);
        Assert.Equal(Later, withdrawn.Decision?.DecidedAt);
        Assert.Equal(before.Audit.Count + 1, withdrawn.Audit.Count);
        Assert.Equal("Withdrawn", withdrawn.Audit[^1].Action);
    }

    [Fact]
    public void Resubmitting_after_changes_is_pending_again_as_the_next_version_with_the_new_details()
    {
        var changes = In("ChangesRequested");
        var edited = Details("handle=@lshtm_malaria_centre");

        var resubmitted = Ok(changes.Resubmit(edited, RequesterActor, Later, "a-new-form"));

        Assert.Equal(AccountRequestStatus.Pending, resubmitted.Status);
        Assert.Equal(2, resubmitted.Version);
        Assert.Equal(edited, resubmitted.Details);
        Assert.Null(resubmitted.Decision);
        Assert.Equal("a-new-form", resubmitted.SubmissionId);
        Assert.Equal(SubmittedAt, resubmitted.CreatedAt);
        Assert.Equal(Later, resubmitted.UpdatedAt);
        Assert.Equal(["Submitted", "Changes requested", "Resubmitted"], resubmitted.Audit.Select(a => a.Action));
        Assert.Equal("Version 2", resubmitted.Audit[^1].Detail);
        Assert.Equal(3, Ok(Ok(Ok(resubmitted.RequestChanges(Approver, "Once more.", Later)).Resubmit(edited, RequesterActor, Later, "third")).Approve(Approver, Later, 3)).Version);
    }

    [Theory]
    [InlineData("Approved", "approve")]
    [InlineData("Approved", "reject")]
    [InlineData("Approved", "requestChanges")]
    [InlineData("Approved", "withdraw")]
    [InlineData("Approved", "resubmit")]
    [InlineData("Rejected", "approve")]
    [InlineData("Rejected", "reject")]
    [InlineData("Rejected", "requestChanges")]
    [InlineData("Rejected", "withdraw")]
    [InlineData("Rejected", "resubmit")]
    [InlineData("Withdrawn", "approve")]
    [InlineData("Withdrawn", "reject")]
    [InlineData("Withdrawn", "requestChanges")]
    [InlineData("Withdrawn", "withdraw")]
    [InlineData("Withdrawn", "resubmit")]
    [InlineData("ChangesRequested", "approve")]
    [InlineData("ChangesRequested", "reject")]
    [InlineData("ChangesRequested", "requestChanges")]
    public void An_illegal_transition_is_refused_saying_who_decided_and_when(string status, string action)
    {
        var before = In(status);

        var result = Act(before, action);

        Assert.False(result.Succeeded);
        Assert.Null(result.Next);
        Assert.Equal(RefusalKind.NotAllowedInStatus, result.Refusal.Kind);
        Assert.Equal(before.Status, result.Refusal.Status);
        Assert.Equal(before.Decision, result.Refusal.Decision);
        var who = status == "Withdrawn" ? "Ada Lovelace" : "Grace Hopper";
        Assert.Contains($"by {who} on 3 Mar 2026 at 14:05 UTC", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("SMA-2026-0001", result.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_request_cannot_be_resubmitted()
    {
        var result = Act(Pending(), "resubmit");

        Assert.Equal(RefusalKind.NotAllowedInStatus, result.Refusal?.Kind);
        Assert.Contains("already waiting for review (version 1)", result.Refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("ChangesRequested")]
    public void Only_the_requester_can_withdraw(string status)
    {
        var result = In(status).Withdraw(Approver, Later);

        Assert.Equal(RefusalKind.NotTheRequester, result.Refusal?.Kind);
        Assert.Contains("Only the person who made the request", result.Refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_requester_can_resubmit()
    {
        var result = In("ChangesRequested").Resubmit(Details(), Approver, Later);

        Assert.Equal(RefusalKind.NotTheRequester, result.Refusal?.Kind);
    }

    [Fact]
    public void The_same_resubmission_twice_is_recognised_as_a_replay()
    {
        var resubmitted = Ok(In("ChangesRequested").Resubmit(Details(), RequesterActor, Later, "form-2"));

        var replay = resubmitted.Resubmit(Details(), RequesterActor, Later, "FORM-2");

        Assert.Equal(RefusalKind.DuplicateSubmission, replay.Refusal?.Kind);
        Assert.Contains("version 2", replay.Refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("requestChanges")]
    public void A_decision_from_a_card_showing_an_older_version_is_refused(string action)
    {
        var version2 = Ok(In("ChangesRequested").Resubmit(Details(), RequesterActor, Later));

        var result = action switch
        {
            "approve" => version2.Approve(Approver, Later, cardVersion: 1),
            "reject" => version2.Reject(Approver, RejectReason.Duplicate, null, Later, cardVersion: 1),
            _ => version2.RequestChanges(Approver, "More.", Later, cardVersion: 1),
        };

        Assert.Equal(RefusalKind.StaleVersion, result.Refusal?.Kind);
        Assert.Contains("version 1", result.Refusal?.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", result.Refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Other", null, "Explain why the request is rejected")]
    [InlineData("Other", "   ", "Explain why the request is rejected")]
    [InlineData("Duplicate", "~501", "Keep this to 500 characters or fewer (it is 501)")]
    public void A_rejection_without_the_required_explanation_is_refused(string reason, string? details, string message)
    {
        var result = Pending().Reject(Approver, Enum.Parse<RejectReason>(reason), details == "~501" ? new string('x', 501) : details, DecidedAt);

        Assert.Equal(RefusalKind.InvalidInput, result.Refusal?.Kind);
        Assert.Contains(message, result.Refusal?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("~1001")]
    public void Asking_for_changes_without_a_usable_message_is_refused(string? message)
    {
        var result = Pending().RequestChanges(Approver, message == "~1001" ? new string('x', 1001) : message, DecidedAt);

        Assert.Equal(RefusalKind.InvalidInput, result.Refusal?.Kind);
        Assert.Equal(AccountRequestStatus.Pending, result.Refusal?.Status);
    }
}
