using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Workflows.AccountRequests;
using static TeamsPolicyBot.Tests.Workflows.AccountRequests.AccountRequestSamples;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

public class ApprovalPolicyTests
{
    private static ApprovalPolicy Policy(params string[] approvers) =>
        new(Options.Create(new CommsOptions { TeamId = "19:team", ChannelId = "19:channel", ApproverIds = approvers }));

    [Fact]
    public void An_approver_may_decide_on_someone_elses_request()
    {
        var permission = Policy(OtherApproverId, ApproverId).CanDecide(ApproverId, Pending());

        Assert.True(permission.IsAllowed);
        Assert.Null(permission.Message);
    }

    [Theory]
    [InlineData("0B9A8C7D-6E5F-4A3B-9C2D-1E0F9A8B7C6D", ApproverId)]
    [InlineData(ApproverId, "0B9A8C7D-6E5F-4A3B-9C2D-1E0F9A8B7C6D")]
    [InlineData("{0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d}", ApproverId)]
    public void Object_ids_match_whatever_their_case_or_spelling(string configured, string actor) =>
        Assert.True(Policy(configured).CanDecide(actor, Pending()).IsAllowed);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(SecondAdminId)]
    [InlineData("29:1teams-user-id")]
    public void Anyone_not_configured_as_an_approver_is_refused(string? actor)
    {
        var permission = Policy(ApproverId).CanDecide(actor, Pending());

        Assert.False(permission.IsAllowed);
        Assert.Equal(ApprovalRefusal.NotAnApprover, permission.Refusal);
        Assert.Contains("Only the Comms team can decide", permission.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approver_may_not_decide_on_their_own_request()
    {
        var permission = Policy(ApproverId, RequesterId).CanDecide(RequesterId.ToUpperInvariant(), Pending());

        Assert.Equal(ApprovalRefusal.OwnRequest, permission.Refusal);
        Assert.Contains("someone else in the Comms team must decide", permission.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requester_who_is_not_an_approver_is_told_they_are_not_an_approver()
    {
        Assert.Equal(ApprovalRefusal.NotAnApprover, Policy(ApproverId).CanDecide(RequesterId, Pending()).Refusal);
    }
}
