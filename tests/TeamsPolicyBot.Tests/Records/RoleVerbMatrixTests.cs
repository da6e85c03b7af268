using System.Text.Json.Nodes;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Records;

/// <summary>
/// Every verb and command the router registers, clicked by one person in each role on records that name them all, through
/// the whole app. Each answer is held to <see cref="Visibility"/> and the verb's <see cref="VerbRule"/>: no view, a refusal with
/// nothing of the record in it; otherwise nothing beyond the views allowed; and a refresh answers with exactly the card
/// of the best view the person has.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed partial class RoleVerbMatrixTests(AzuriteFixture azurite) : WhoSeesWhatTestBase(azurite)
{
    [Fact]
    public async Task Every_verb_the_router_registers_has_a_visibility_rule()
    {
        await StartAsync();

        var missing = Router.CardVerbs.Concat(Router.CommandVerbs).Where(verb => !Router.VerbRules.ContainsKey(verb)).ToList();

        Assert.True(missing.Count == 0, $"Verbs without a rule: {string.Join(", ", missing)}");
        Assert.Contains(SupportVerbs.Message, Router.CardVerbs);
        Assert.Contains("requests.mine", Router.CommandVerbs);
    }

    [Fact]
    public async Task Every_role_gets_the_refusal_or_exactly_the_view_it_may_see_from_every_verb_about_a_record()
    {
        await StartAsync();
        var checkedCells = 0;
        foreach (var verb in Router.CardVerbs.Order(StringComparer.Ordinal))
        {
            if (Router.VerbRules[verb] is not { Record: { } kind } rule)
            {
                continue;
            }

            // Fresh records for each verb: one role's change (a take, a withdrawal) must not decide what the next one sees.
            var records = await FreshRecordsAsync();
            foreach (var person in Everyone)
            {
                var because = $"{verb} by {person.Role}";
                var viewer = new Viewer(person.AadId, person.InChannel);
                var people = PeopleOf(records, kind);
                var allowed = Rule.ViewsOf(people, viewer) & rule.Shows;
                var answer = await ClickAsync(person, verb, Payload(verb, records, kind));

                if (allowed == RecordViews.None)
                {
                    ShowsNothingOf(kind, answer, because);
                }
                else
                {
                    NoMoreThan(kind, allowed, answer, because);
                }

                if (rule.Shows == (RecordViews.Working | RecordViews.Shared | RecordViews.Starter))
                {
                    await IsExactlyTheBestViewAsync(kind, records, Rule.BestViewOf(people, viewer), answer, because);
                }

                checkedCells++;
            }
        }

        Assert.True(checkedCells >= 20 * Everyone.Length, $"Only {checkedCells} verb x role cells were checked.");
    }

    [Fact]
    public async Task Every_verb_rule_names_views_only_for_a_record()
    {
        await StartAsync();

        Assert.All(Router.VerbRules, rule => Assert.True(rule.Value.Record is not null || rule.Value.Shows == RecordViews.None, rule.Key));
    }

    [Fact]
    public async Task Commands_and_forms_about_no_record_show_nobody_anything_of_a_record_whatever_reference_they_carry()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();
        var carried = new
        {
            reference = records.Referral.Reference,
            submissionId = records.Referral.SubmissionId,
            form = new { reference = records.Request.Reference, submissionId = records.Incident.SubmissionId },
        };
        var noRecord = Router.CardVerbs.Concat(Router.CommandVerbs).Where(verb => Router.VerbRules[verb].Record is null).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(SupportVerbs.Edit, noRecord);

        // The person who started the records may see their own anyway (their manager's name on their own support form, say).
        foreach (var person in Everyone.Where(p => p.Role != RecordRole.Starter))
        {
            var chat = $"/v3/conversations/{Uri.EscapeDataString(person.Chat)}/activities";
            foreach (var verb in noRecord)
            {
                string answer;
                if (Router.CommandVerbs.Contains(verb))
                {
                    // A command arrives as an Action.Submit message; its answer goes to the person's chat.
                    var before = harness.Calls("POST", chat).Length;
                    var value = System.Text.Json.JsonSerializer.SerializeToNode(carried)!.AsObject();
                    value["verb"] = verb;
                    await harness.SendAsync(harness.Message(null, value, person.TeamsId, person.AadId, person.Name, person.Chat));
                    answer = string.Join("\n", (await harness.WaitForCallsAsync("POST", chat, before + 1)).Skip(before).Select(call => call.Body));
                }
                else
                {
                    answer = Text(await ClickAsync(person, verb, carried));
                }

                // Their own name is theirs to see (the reply is addressed to them).
                var seen = Secrets.Values.SelectMany(secrets => secrets).Where(secret => secret != person.Name && answer.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(seen.Count == 0, $"{verb} by {person.Role} showed {string.Join(", ", seen)}: {answer}");
            }
        }
    }

    /// <summary>What each verb's own card sends: the reference, the record's question or submission, and nothing else typed.</summary>
    private static object Payload(string verb, Records records, RecordKind kind) => verb switch
    {
        AccountRequestVerbs.Submit => AccountForm(records.Request.SubmissionId!),
        IncidentVerbs.Submit => IncidentForm(records.Incident.SubmissionId!),
        SupportVerbs.Confirm => SupportConfirmation(records.Referral.SubmissionId!),
        _ => new { reference = ReferenceOf(records, kind), questionNumber = 1 },
    };

    private static void NoMoreThan(RecordKind kind, RecordViews allowed, JsonNode answer, string because)
    {
        var text = Text(answer);
        if (!allowed.HasFlag(RecordViews.Working))
        {
            Assert.DoesNotContain(WorkingButtons, button => text.Contains(button, StringComparison.Ordinal));
        }

        // The channel's shared card of a referral holds nothing personal; the others' shared cards are the whole channel card.
        var seesDetails = allowed.HasFlag(RecordViews.Working) || allowed.HasFlag(RecordViews.Starter) || (allowed.HasFlag(RecordViews.Shared) && kind != RecordKind.SupportReferral);
        if (!seesDetails)
        {
            Assert.False(Secrets[kind].Any(secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase)), $"{because} showed more than {allowed}: {text}");
        }
    }

    private async Task IsExactlyTheBestViewAsync(RecordKind kind, Records records, RecordViews best, JsonNode answer, string because)
    {
        if (best == RecordViews.None)
        {
            ShowsNothingOf(kind, answer, because);
            return;
        }

        Assert.True(IsCard(answer), $"{because}: expected the {best} view, got: {Text(answer)}");
        var expected = kind switch
        {
            RecordKind.AccountRequest => await AccountRequestViewAsync(records.Request.Reference, best),
            RecordKind.Incident => await IncidentViewAsync(records.Incident.Reference, best),
            _ => await ReferralViewAsync(records.Referral.Reference, best),
        };
        Assert.True(JsonNode.DeepEquals(expected, answer["value"]), $"{because}: not exactly the {best} view: {Text(answer)}");
    }

    private async Task<JsonNode> AccountRequestViewAsync(string reference, RecordViews view)
    {
        var request = (await Service<IAccountRequests>().GetAsync(reference))!.Record;
        var cards = Service<AccountRequestCards>();

        // An earlier verb's approval registered the same handle: the card then warns of it, whoever looks.
        var registered = await ApprovalChannelCard.RegisteredAsync(Service<TeamsPolicyBot.Workflows.OfficialAccounts.IOfficialAccounts>(), request, CancellationToken.None);
        return CardJson(view switch
        {
            // The working view is a Comms approver's own: it carries the Comms team's notes and "Add a note".
            RecordViews.Working => cards.Approval(request, viewerMayDecide: true, registered: registered, viewerReadsNotes: true),
            RecordViews.Shared => cards.Approval(request, viewerMayDecide: false, registered: registered),
            _ => cards.Submitted(request),
        });
    }

    private async Task<JsonNode> IncidentViewAsync(string reference, RecordViews view)
    {
        var incident = (await Service<IIncidents>().GetAsync(reference))!.Record;
        var cards = Service<IncidentCards>();
        return CardJson(view switch
        {
            RecordViews.Working => cards.Triage(incident, viewerMayTriage: true, viewerReadsNotes: true),
            RecordViews.Shared => cards.Triage(incident, viewerMayTriage: false),
            _ => cards.Reported(incident),
        });
    }

    private async Task<JsonNode> ReferralViewAsync(string reference, RecordViews view)
    {
        var referral = (await Service<ISupportReferrals>().GetAsync(reference))!.Record;
        var cards = Service<SupportCards>();
        return CardJson(view switch
        {
            // The owner's view of the channel card: "Send me the details again"; the details themselves go to their private chat only.
            RecordViews.Working => cards.Channel(referral, new ChannelCardViewer(MayTake: true, TookIt: true)),
            RecordViews.Shared => cards.Channel(referral, ChannelCardViewer.Onlooker),
            _ => cards.Requested(referral),
        });
    }
}
