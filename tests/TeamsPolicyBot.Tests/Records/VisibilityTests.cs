using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Records;

/// <summary>The rule itself, and the self rules in the records' state machines.</summary>
public sealed class VisibilityTests
{
    private const string Person = "3f0b9c2e-1111-4a6b-9c1d-000000000001";
    private const string Approver = "3f0b9c2e-2222-4a6b-9c1d-000000000002";
    private const string Owner = "3f0b9c2e-7777-4a6b-9c1d-000000000007";
    private const string OtherHandler = "3f0b9c2e-8888-4a6b-9c1d-000000000008";
    private const string Senior = "3f0b9c2e-4444-4a6b-9c1d-000000000004";
    private const string Manager = "3f0b9c2e-5555-4a6b-9c1d-000000000005";
    private const string Stranger = "3f0b9c2e-aaaa-4a6b-9c1d-00000000000a";

    private static readonly Visibility Rule = new(
        Options.Create(new CommsOptions { ApproverIds = [Approver], ChannelId = "19:comms@thread.tacv2" }),
        Options.Create(new SupportOptions { CaseHandlerIds = [Owner, OtherHandler] }),
        Options.Create(new EscalationOptions { ContactIds = [Senior] }));

    private static readonly RecordPeople Referral = new(RecordKind.SupportReferral, Person, Owner, Manager, EscalationContactsTold: false);

    [Theory]
    [InlineData(Person, false, (int)RecordViews.Starter)]
    [InlineData(Owner, false, (int)(RecordViews.Working | RecordViews.Shared))]
    [InlineData(OtherHandler, false, (int)RecordViews.Shared)]
    [InlineData(Approver, false, (int)RecordViews.Shared)]
    [InlineData(Senior, false, (int)RecordViews.None)]
    [InlineData(Manager, false, (int)RecordViews.None)]
    [InlineData(Stranger, false, (int)RecordViews.None)]
    [InlineData(Stranger, true, (int)RecordViews.Shared)]
    [InlineData("", true, (int)RecordViews.None)]
    public void A_support_referral_is_seen_in_full_by_its_case_handler_only(string who, bool inChannel, int expected)
    {
        Assert.Equal((RecordViews)expected, Rule.ViewsOf(Referral, new Viewer(who, inChannel)));
    }

    [Fact]
    public void Escalation_contacts_see_an_incident_once_they_were_told_and_no_account_request()
    {
        var incident = new RecordPeople(RecordKind.Incident, Person);
        var senior = new Viewer(Senior.ToUpperInvariant(), InCommsChannel: false);

        Assert.Equal(RecordViews.None, Rule.ViewsOf(incident, senior));
        Assert.Equal(RecordViews.Shared, Rule.ViewsOf(incident with { EscalationContactsTold = true }, senior));
        Assert.Equal(RecordViews.None, Rule.ViewsOf(new RecordPeople(RecordKind.AccountRequest, Person, EscalationContactsTold: true), senior));
        Assert.Equal(RecordViews.Working, Rule.BestViewOf(incident, new Viewer(Approver, InCommsChannel: true)));
        Assert.Equal(RecordViews.Starter, Rule.BestViewOf(incident, new Viewer(Person, InCommsChannel: false)));
    }

    [Fact]
    public void Every_kind_of_record_has_a_rule_and_anyone_else_sees_nothing_of_any()
    {
        foreach (var kind in Enum.GetValues<RecordKind>())
        {
            Assert.True(Visibility.Rules.ContainsKey(kind), kind.ToString());
            Assert.Equal(RecordViews.None, Visibility.Rules[kind].GetValueOrDefault(RecordRole.AnyoneElse));
            Assert.Equal(RecordViews.None, Visibility.Rules[kind].GetValueOrDefault(RecordRole.LineManager));
        }
    }

    [Fact]
    public void A_case_handler_cannot_take_their_own_referral_nor_be_handed_it()
    {
        var handler = SupportSamples.Person;
        var requested = SupportSamples.Requested();

        var take = requested.Take(handler, SupportSamples.Later);
        var handOver = SupportSamples.Taken().HandOver(SupportSamples.Handler, handler, null, SupportSamples.Later);

        Assert.Equal((ReferralRefusalKind.OwnReferral, SupportReferral.OwnReferralRefusal), (take.Refusal!.Kind, take.Refusal.Message));
        Assert.Equal(ReferralRefusalKind.InvalidInput, handOver.Refusal!.Kind);
        Assert.Contains("cannot look after it", handOver.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approver_may_take_an_incident_they_reported_but_another_must_resolve_it()
    {
        var reported = Incident.Report("INC-2026-0001", IncidentSamples.Triager, IncidentSamples.Reported().Details, IncidentSamples.ReportedAt);
        var later = IncidentSamples.ReportedAt.AddHours(1);

        var taken = reported.Take(IncidentSamples.Triager, later);
        var resolvedByThem = taken.Next!.Resolve(IncidentSamples.Triager, "noAction", null, later);
        var resolvedByAnother = taken.Next!.Resolve(IncidentSamples.OtherTriager, "noAction", null, later);

        Assert.True(taken.Succeeded);
        Assert.Equal(IncidentRefusalKind.OwnReport, resolvedByThem.Refusal!.Kind);
        Assert.True(resolvedByAnother.Succeeded);
    }
}
