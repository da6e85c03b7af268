using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Tests.Records;

/// <summary>
/// One person for each role the visibility rule names, all distinct, and one record of each kind that names them: an
/// account request waiting for Comms, an escalated incident with a question to its reporter, and a support referral
/// taken by its case handler who has written to the person. Records are stored directly, so each test gets fresh ones.
/// </summary>
public abstract class WhoSeesWhatTestBase(AzuriteFixture azurite) : IAsyncDisposable
{
    private protected const string OwnerAadId = "3f0b9c2e-7777-4a6b-9c1d-000000000007";
    private protected const string OtherHandlerAadId = "3f0b9c2e-8888-4a6b-9c1d-000000000008";
    private protected const string ManagerAadId = "3f0b9c2e-5555-4a6b-9c1d-000000000005";
    private protected const string ColleagueAadId = "3f0b9c2e-9999-4a6b-9c1d-000000000009";
    private protected const string StrangerAadId = "3f0b9c2e-aaaa-4a6b-9c1d-00000000000a";

    /// <summary>Who clicks, from where: the people Comms works with click in the Comms channel; everyone else in their own chat.</summary>
    private protected sealed record Person(RecordRole Role, string AadId, string TeamsId, string Name, bool InChannel, string Chat)
    {
        public override string ToString() => Role.ToString();
    }

    private protected static readonly Person Starter = new(RecordRole.Starter, BotApplicationFactory.StaffAadId, "29:starter", "Priya Shah", false, "a:starter");
    private protected static readonly Person Approver = new(RecordRole.CommsApprover, BotApplicationFactory.ApproverAadId, "29:approver", "Grace Hopper", true, "a:approver");
    private protected static readonly Person Owner = new(RecordRole.CaseOwner, OwnerAadId, "29:owner", "Sam Carter", false, "a:owner");
    private protected static readonly Person OtherHandler = new(RecordRole.OtherCaseHandler, OtherHandlerAadId, "29:other-handler", "Riley Brooks", true, "a:other-handler");
    private protected static readonly Person Escalation = new(RecordRole.EscalationContact, BotApplicationFactory.SeniorManagerAadId, "29:senior", "Helen Okafor", false, "a:senior");
    private protected static readonly Person Manager = new(RecordRole.LineManager, ManagerAadId, "29:manager", "Alex Chen", false, "a:manager");
    private protected static readonly Person Colleague = new(RecordRole.InCommsChannel, ColleagueAadId, "29:colleague", "Jordan Patel", true, "a:colleague");
    private protected static readonly Person Stranger = new(RecordRole.AnyoneElse, StrangerAadId, "29:stranger", "Eve Stranger", false, "a:stranger");

    /// <summary>Those who only look come first, those who may change the record last, so a change made by one does not hide what the others would see.</summary>
    private protected static readonly Person[] Everyone = [Stranger, Colleague, Manager, Escalation, OtherHandler, Starter, Approver, Owner];

    /// <summary>What each record holds that only some may see: the person who started it, what they wrote (no words a blank form or the welcome card uses).</summary>
    private protected static readonly Dictionary<RecordKind, string[]> Secrets = new()
    {
        [RecordKind.AccountRequest] = ["Priya Shah", "Malaria Centre", "Share the centre", "alan.turing"],
        [RecordKind.Incident] = ["Priya Shah", "vaccine trial", "OneDrive", "Which account posted it"],
        [RecordKind.SupportReferral] = ["Priya Shah", "angry_reader", "home street", "Alex Chen", "read what you sent"],
        [RecordKind.OfficialAccount] = ["Priya Shah", "Malaria Centre", "alan.turing"],
    };

    private protected WorkflowHarness harness = null!;

    public async ValueTask DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <param name="map">Extra connector endpoints, as <see cref="WorkflowHarness.StartAsync"/> takes them.</param>
    private protected async Task StartAsync(Action<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder>? map = null)
    {
        harness = await WorkflowHarness.StartAsync(azurite, map, settings: settings =>
        {
            settings["Support:CaseHandlerIds:0"] = OwnerAadId;
            settings["Support:CaseHandlerIds:1"] = OtherHandlerAadId;
            settings[$"Directory:Managers:{BotApplicationFactory.StaffAadId}"] = ManagerAadId;
        });

        // Everyone has a chat with the bot, so what follows a change can reach them.
        foreach (var person in Everyone)
        {
            await harness.SendAsync(harness.Message("hi", null, person.TeamsId, person.AadId, person.Name, person.Chat));
        }
    }

    private protected T Service<T>()
        where T : notnull => harness.App.Services.GetRequiredService<T>();

    /// <param name="Account">An official account the starter administers, approved from another request of theirs.</param>
    private protected sealed record Records(AccountRequest Request, Incident Incident, SupportReferral Referral, OfficialAccount Account);

    private protected async Task<Records> FreshRecordsAsync()
    {
        var numbers = Service<IReferenceNumbers>();
        var at = DateTimeOffset.UtcNow;
        var requester = new Requester(Starter.AadId, Starter.TeamsId, Starter.Name, "priya.shah@lshtm.ac.uk");
        var request = AccountRequest.Submit(await numbers.NextAsync("SMA"), requester, AccountRequestSamples.Details(), at, Guid.NewGuid().ToString());
        request = (await Service<IAccountRequests>().SubmitAsync(request.SubmissionId!, _ => Task.FromResult(request))).Record;

        var approver = new Actor(Approver.AadId, Approver.Name);
        var incident = await NewIncidentAsync(Starter, reported => reported.Ask(approver, "Which account posted it?", at).Next!.Escalate(approver, at).Next!);

        var owner = new Actor(Owner.AadId, Owner.Name);
        var referral = await NewReferralAsync(Starter, requested => requested.Take(owner, at).Next!.Message(owner, "How can I help? I have read what you sent.", at).Next!);
        var approved = AccountRequest.Submit(await numbers.NextAsync("SMA"), requester, AccountRequestSamples.Details(), at).Approve(approver, at).Next!;
        var account = await Service<IOfficialAccounts>().AddFromApprovedRequestAsync(approved);
        return new Records(request, incident, referral, account);
    }

    /// <summary>An incident <paramref name="reporter"/> reported, with what <paramref name="then"/> did to it, stored.</summary>
    private protected async Task<Incident> NewIncidentAsync(Person reporter, Func<Incident, Incident>? then = null)
    {
        var details = IncidentValidator.Validate(IncidentSamples.Form(), TeamsPolicyBot.Cards.CardDates.UkDay(DateTimeOffset.UtcNow)).Value!;
        var reported = Incident.Report(await Service<IReferenceNumbers>().NextAsync("INC"), new Actor(reporter.AadId, reporter.Name), details, DateTimeOffset.UtcNow, Guid.NewGuid().ToString());
        var incident = then?.Invoke(reported) ?? reported;
        return (await Service<IIncidents>().SubmitAsync(incident.SubmissionId!, _ => Task.FromResult(incident))).Record;
    }

    /// <summary>A referral <paramref name="asking"/> asked for (their manager <see cref="Manager"/>), with what <paramref name="then"/> did to it, stored.</summary>
    private protected async Task<SupportReferral> NewReferralAsync(Person asking, Func<SupportReferral, SupportReferral>? then = null)
    {
        var requested = SupportReferral.Request(
            await Service<IReferenceNumbers>().NextAsync("HSR"),
            new Actor(asking.AadId, asking.Name),
            SupportValidator.Validate(SupportSamples.Form()).Value!,
            new ReferralManager(Manager.AadId, Manager.Name, "alex.chen@lshtm.ac.uk", TypedByPerson: false),
            DateTimeOffset.UtcNow,
            Guid.NewGuid().ToString());
        var referral = then?.Invoke(requested) ?? requested;
        return (await Service<ISupportReferrals>().SubmitAsync(referral.SubmissionId!, _ => Task.FromResult(referral))).Record;
    }

    private protected static RecordPeople PeopleOf(Records records, RecordKind kind) => kind switch
    {
        RecordKind.AccountRequest => records.Request.People(),
        RecordKind.Incident => records.Incident.People(),
        RecordKind.OfficialAccount => new RecordPeople(RecordKind.OfficialAccount, records.Account.Administrators[0].AadObjectId!),
        _ => records.Referral.People(),
    };

    private protected static string ReferenceOf(Records records, RecordKind kind) => kind switch
    {
        RecordKind.AccountRequest => records.Request.Reference,
        RecordKind.Incident => records.Incident.Reference,
        RecordKind.OfficialAccount => records.Account.SourceReference,
        _ => records.Referral.Reference,
    };

    private protected Task<JsonNode> ClickAsync(Person person, string verb, object data) =>
        harness.PostAsync(harness.Invoke(verb, data, person.TeamsId, person.AadId, person.Name, person.InChannel, person.Chat));

    private protected static bool IsCard(JsonNode answer) => WorkflowHarness.IsCard(answer);

    private protected static string Text(JsonNode answer) => IsCard(answer) ? WorkflowHarness.CardText(answer) : answer["value"]!.GetValue<string>();

    /// <summary>The card a workflow draws, as the invoke answer carries it.</summary>
    private protected static JsonNode CardJson(TeamsPolicyBot.Protocol.Schema.Attachment card) => JsonNode.Parse(JsonSerializer.Serialize(card.Content))!;

    private protected static void ShowsNothingOf(RecordKind kind, JsonNode answer, string because)
    {
        Assert.False(IsCard(answer), $"{because}: expected a refusal, got a card: {Text(answer)}");
        foreach (var secret in Secrets[kind])
        {
            Assert.DoesNotContain(secret, Text(answer), StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A form that passes every check, carrying <paramref name="submissionId"/>: what a replay of someone's submission sends.</summary>
    private protected static Dictionary<string, string?> AccountForm(string submissionId)
    {
        var inputs = AccountRequestSamples.ValidInputs();
        inputs["submissionId"] = submissionId;
        return inputs;
    }

    private protected static Dictionary<string, string?> IncidentForm(string submissionId)
    {
        var inputs = IncidentSamples.ValidInputs();
        inputs["submissionId"] = submissionId;
        inputs["kind"] = "misinformation";
        return inputs;
    }

    private protected static JsonObject SupportConfirmation(string submissionId)
    {
        var form = SupportSamples.ValidInputs();
        form["submissionId"] = submissionId;
        return new JsonObject { ["submissionId"] = submissionId, ["shownManagerId"] = ManagerAadId, ["form"] = JsonSerializer.SerializeToNode(form) };
    }

    private protected static readonly string[] WorkingButtons =
    [
        AccountRequestVerbs.Approve, IncidentVerbs.Resolve, SupportVerbs.Close, SupportVerbs.RecordAction, "\"resend\"",
    ];

    private protected ActivityRouter Router => Service<ActivityRouter>();

    private protected Visibility Rule => Service<Visibility>();
}
