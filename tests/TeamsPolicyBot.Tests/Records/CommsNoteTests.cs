using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.Cards;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Records;

/// <summary>
/// The Comms team's notes on incidents and account requests: what a note must be, who may add and read one, and that
/// the cards show them only on a Comms approver's own view.
/// </summary>
public sealed class CommsNoteTests
{
    private const string Note = "Spoke to the research office: statement by noon.";
    private static readonly DateTimeOffset NotedAt = new(2026, 3, 4, 9, 20, 0, TimeSpan.Zero);

    private static readonly Visibility Rule = new(
        Options.Create(new CommsOptions { ApproverIds = [IncidentSamples.Triager.AadObjectId, IncidentSamples.Reporter.AadObjectId], ChannelId = "19:comms@thread.tacv2" }),
        Options.Create(new SupportOptions()),
        Options.Create(new EscalationOptions { ContactIds = ["3f0b9c2e-4444-4a6b-9c1d-000000000004"] }));

    private static IncidentCards Incidents() => new(CardExpansion.Templates, Options.Create(new CommsOptions()), Options.Create(new SupportResourcesOptions()));

    private static AccountRequestCards Requests() => new(CardExpansion.Templates, Options.Create(new CommsOptions()));

    private static Incident Noted(Incident incident, string note = Note) => incident.AddNote(IncidentSamples.OtherTriager, note, NotedAt).Next!;

    [Theory]
    [InlineData(null, "Type your note, then select Save note again.")]
    [InlineData("   ", "Type your note, then select Save note again.")]
    public void An_empty_note_is_refused_with_what_to_do(string? note, string expected)
    {
        var refusal = IncidentSamples.Reported().AddNote(IncidentSamples.Triager, note, NotedAt).Refusal!;

        Assert.Equal((IncidentRefusalKind.InvalidInput, expected), (refusal.Kind, refusal.Message));
    }

    [Fact]
    public void A_note_over_the_limit_is_refused_saying_how_long_it_may_be()
    {
        var refusal = AccountRequestSamples.Pending().AddNote(AccountRequestSamples.Approver, new string('x', CommsNotes.MaxLength + 1), NotedAt).Refusal!;

        Assert.Equal(RefusalKind.InvalidInput, refusal.Kind);
        Assert.StartsWith("Keep this to 1,000 characters or fewer", refusal.Message, StringComparison.Ordinal);
        Assert.NotNull(AccountRequestSamples.Pending().AddNote(AccountRequestSamples.Approver, new string('x', CommsNotes.MaxLength), NotedAt).Next);
    }

    [Fact]
    public void A_note_is_kept_trimmed_with_who_and_when_and_the_history_says_only_that_one_was_added()
    {
        var noted = Noted(IncidentSamples.Reported(), "  " + Note + "  ");

        Assert.Equal(new CommsNote(Note, new Stamp(IncidentSamples.OtherTriager, NotedAt)), Assert.Single(noted.Notes));
        var entry = noted.Audit[^1];
        Assert.Equal((IncidentAuditActions.NoteAdded, null, IncidentSamples.OtherTriager.Name), (entry.Action, entry.Detail, entry.ActorName));
        Assert.DoesNotContain(noted.Audit, e => e.Detail?.Contains("research office", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_person_who_started_the_record_cannot_add_a_note_even_from_the_Comms_team()
    {
        var incident = IncidentSamples.Reported().AddNote(IncidentSamples.Reporter, Note, NotedAt);
        var request = AccountRequestSamples.Pending().AddNote(AccountRequestSamples.RequesterActor, Note, NotedAt);

        Assert.Equal(Incident.OwnReportNoteRefusal, incident.Refusal!.Message);
        Assert.Equal(AccountRequest.OwnRequestNoteRefusal, request.Refusal!.Message);
    }

    [Fact]
    public void Notes_stop_with_the_other_buttons_once_resolved_or_decided()
    {
        var resolved = IncidentSamples.Reported().Resolve(IncidentSamples.Triager, "noAction", null, NotedAt).Next!;
        var approved = AccountRequestSamples.Pending().Approve(AccountRequestSamples.Approver, NotedAt).Next!;

        Assert.StartsWith($"You cannot add a note to {resolved.Reference}: it was already resolved by Sam Carter", resolved.AddNote(IncidentSamples.OtherTriager, Note, NotedAt).Refusal!.Message, StringComparison.Ordinal);
        Assert.StartsWith($"You cannot add a note to {approved.Reference}: it was already approved by Grace Hopper", approved.AddNote(AccountRequestSamples.OtherApprover, Note, NotedAt).Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_their_bound_the_oldest_notes_move_to_child_rows_and_the_count_goes_on()
    {
        var incident = IncidentSamples.Reported();
        for (var i = 1; i <= CommsNotes.Bound.Max + 1; i++)
        {
            incident = Noted(incident, $"Note {i}");
        }

        var split = incident.MoveOldEntries();

        var moved = Assert.Single(split.Moved, m => m.List == "notes");
        Assert.Equal(CommsNotes.Bound.Max + 1 - CommsNotes.Bound.Keep, moved.Entries.Count);
        Assert.Equal(CommsNotes.Bound.Keep, split.Kept.Notes.Count);
        Assert.Equal($"Note {CommsNotes.Bound.Max + 1}", split.Kept.Notes[^1].Text);
        Assert.Equal(CommsNotes.Bound.Max + 1, split.Kept.EarlierNotes + split.Kept.Notes.Count);
    }

    [Theory]
    [InlineData("3f0b9c2e-2222-4a6b-9c1d-000000000002", false, true)] // a Comms approver
    [InlineData("3f0b9c2e-1111-4a6b-9c1d-000000000001", false, false)] // the reporter, though in the Comms team too
    [InlineData("3f0b9c2e-4444-4a6b-9c1d-000000000004", false, false)] // an escalation contact, told of it
    [InlineData("3f0b9c2e-aaaa-4a6b-9c1d-00000000000a", true, false)] // anyone in the Comms channel
    public void Only_Comms_approvers_who_did_not_start_the_record_read_its_notes(string who, bool inChannel, bool reads)
    {
        var incident = new RecordPeople(RecordKind.Incident, IncidentSamples.Reporter.AadObjectId, EscalationContactsTold: true);
        var referral = new RecordPeople(RecordKind.SupportReferral, "3f0b9c2e-9999-4a6b-9c1d-000000000009");

        Assert.Equal(reads, Rule.MayReadCommsNotes(incident, new Viewer(who, inChannel)));
        Assert.False(Rule.MayReadCommsNotes(referral, new Viewer(who, inChannel)));
    }

    [Fact]
    public void The_triage_card_shows_notes_newest_last_only_on_an_approvers_own_view()
    {
        var incident = Noted(Noted(IncidentSamples.Reported(), "First note"), "Second note");
        var cards = Incidents();

        var own = RenderedCard.Of(cards.Triage(incident, viewerMayTriage: true, viewerReadsNotes: true));
        var shared = RenderedCard.Of(cards.Triage(incident, viewerMayTriage: false));
        var everyoneActs = RenderedCard.Of(cards.Triage(incident, viewerMayTriage: true));

        var notes = own.Texts().Where(t => t.StartsWith("**Note from", StringComparison.Ordinal)).ToList();
        Assert.Equal(["**Note from Morgan Reid, 4 Mar 2026 at 09:20:** First note", "**Note from Morgan Reid, 4 Mar 2026 at 09:20:** Second note"], notes);
        Assert.Contains(IncidentVerbs.Note, own.ExecuteActions().Keys);
        Assert.Contains(IncidentAuditActions.NoteAdded, shared.AllText, StringComparison.Ordinal);
        foreach (var card in new[] { shared, everyoneActs })
        {
            Assert.DoesNotContain("First note", card.Card.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(IncidentVerbs.Note, card.ExecuteActions().Keys);
        }
    }

    [Fact]
    public void A_confidential_incidents_notes_are_on_no_view_of_the_channel_card()
    {
        var incident = Noted(IncidentSamples.Reported(i => i["kind"] = "harassment"));

        var own = RenderedCard.Of(Incidents().Triage(incident, viewerMayTriage: true, viewerReadsNotes: true));

        Assert.DoesNotContain("research office", own.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(TeamsPolicyBot.Workflows.Incidents.IncidentCards.ConfidentialNoteLabel, (string)own.Inputs()[CommsNotes.Field]["label"]!);
    }

    [Fact]
    public void The_approval_card_shows_notes_only_on_an_approvers_own_view_and_offers_a_note_only_while_pending()
    {
        var request = AccountRequestSamples.Pending().AddNote(AccountRequestSamples.Approver, Note, NotedAt).Next!;
        var cards = Requests();

        var own = RenderedCard.Of(cards.Approval(request, viewerMayDecide: true, viewerReadsNotes: true));
        var shared = RenderedCard.Of(cards.Approval(request, viewerMayDecide: true));
        var decided = RenderedCard.Of(cards.Approval(request.Approve(AccountRequestSamples.OtherApprover, NotedAt).Next!, viewerMayDecide: true, viewerReadsNotes: true));

        Assert.Contains($"**Note from Grace Hopper, 4 Mar 2026 at 09:20:** {Note}", own.Texts());
        Assert.Contains(AccountRequestVerbs.Note, own.ExecuteActions().Keys);
        Assert.DoesNotContain(Note, shared.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AccountRequestVerbs.Note, shared.ExecuteActions().Keys);
        Assert.Contains($"**Note from Grace Hopper, 4 Mar 2026 at 09:20:** {Note}", decided.Texts());
        Assert.DoesNotContain(AccountRequestVerbs.Note, decided.ExecuteActions().Keys);
    }
}
