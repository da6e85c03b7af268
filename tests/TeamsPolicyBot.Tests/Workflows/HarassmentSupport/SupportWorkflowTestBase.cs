using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using static TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>
/// What the harassment support workflow tests share: the whole app on Azurite with a loopback connector, the people
/// (the person, their manager, case handlers) and their chats, and the person's and case handlers' clicks.
/// </summary>
public abstract class SupportWorkflowTestBase(AzuriteFixture azurite) : IAsyncDisposable
{
    private protected const string PersonTeamsId = "29:person";
    private protected const string HandlerTeamsId = "29:handler";
    private protected const string ManagerTeamsId = "29:manager";
    private protected const string ManagerAadId = "3f0b9c2e-5555-4a6b-9c1d-000000000005";
    private protected const string PersonChatPath = "/v3/conversations/a%3Arequester-chat/activities";
    private protected const string ManagerChat = "a:manager-chat";
    private protected const string ManagerChatPath = "/v3/conversations/a%3Amanager-chat/activities";
    private protected const string HandlerChat = "a:handler-chat";
    private protected const string HandlerChatPath = "/v3/conversations/a%3Ahandler-chat/activities";
    private protected const string SecondHandlerAadId = "3f0b9c2e-6666-4a6b-9c1d-000000000006";
    private protected const string SecondHandlerChat = "a:second-handler-chat";
    private protected const string SecondHandlerChatPath = "/v3/conversations/a%3Asecond-handler-chat/activities";

    /// <summary>Words of the typed text: none may reach the channel or a log line.</summary>
    private protected static readonly string[] Secrets = ["angry", "home street", "fraud", "Mastodon", "1898000000000000000", "Priya"];

    private protected readonly FakeLogCollector logs = new();
    private protected WorkflowHarness harness = null!;

    public async ValueTask DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <param name="crashOn">The first message it matches throws before it is queued: a crash part-way through a follow-up.</param>
    /// <param name="secondCaseHandler">Riley Brooks is a case handler too, so a case can be handed over.</param>
    private protected async Task StartAsync(bool managerInDirectory, Func<string, Activity, bool>? crashOn = null, bool secondCaseHandler = false)
    {
        harness = await WorkflowHarness.StartAsync(
            azurite,
            settings: settings =>
            {
                if (managerInDirectory)
                {
                    settings[$"Directory:Managers:{BotApplicationFactory.StaffAadId}"] = ManagerAadId;
                }

                if (secondCaseHandler)
                {
                    settings["Support:CaseHandlerIds:1"] = SecondHandlerAadId;
                }
            },
            logs: logs,
            services: crashOn is null ? null : services => FailOnceMessenger.Register(services, crashOn));
    }

    private protected ISupportReferrals Referrals => harness.App.Services.GetRequiredService<ISupportReferrals>();

    /// <summary>Someone says hi in their own personal chat, so the bot can message them later.</summary>
    private protected async Task SayHiAsync(string teamsId, string aadId, string name, string chat, string chatPath)
    {
        await harness.SendAsync(harness.Message("hi", null, teamsId, aadId, name, chat));
        await harness.WaitForCallsAsync("POST", chatPath, 1);
    }

    private protected Task<JsonNode> PersonInvokeAsync(string verb, object data) =>
        harness.PostAsync(harness.Invoke(verb, data, PersonTeamsId, BotApplicationFactory.StaffAadId, "Priya Shah", inChannel: false));

    private protected Task<JsonNode> TakeAsync(string reference, string aadId) =>
        harness.PostAsync(harness.Invoke(SupportVerbs.Take, new { reference }, HandlerTeamsId, aadId, "Sam Carter", inChannel: true));

    /// <summary>The channel card's "Send me the details again", as the card sends it.</summary>
    private protected Task<JsonNode> ResendDetailsAsync(string reference, string aadId) =>
        harness.PostAsync(harness.Invoke(SupportVerbs.Take, new { reference, resend = SupportFields.ResendDetails }, HandlerTeamsId, aadId, "Sam Carter", inChannel: true));

    private protected static Dictionary<string, string?> Inputs(string submissionId, Action<Dictionary<string, string?>>? change = null)
    {
        var inputs = ValidInputs();
        inputs["submissionId"] = submissionId;
        change?.Invoke(inputs);
        return inputs;
    }

    private protected static string ReferenceIn(string text) => Regex.Match(text, @"HSR-\d{4}-\d{4}").Value;

    private protected static JsonObject Confirmation(string submissionId, Dictionary<string, string?> form, string shownManagerId = "", string? managerEmail = null, string? managerId = null)
    {
        var data = new JsonObject { ["submissionId"] = submissionId, ["shownManagerId"] = shownManagerId, ["form"] = System.Text.Json.JsonSerializer.SerializeToNode(form) };
        if (managerId is not null)
        {
            data["managerId"] = managerId;
        }

        if (managerEmail is not null)
        {
            data["managerEmail"] = managerEmail;
        }

        return data;
    }

    /// <summary>Connector calls that went to the Comms channel as a new thread (the channel card).</summary>
    private protected RecordedRequest[] ChannelThreads() => harness.Calls("POST", "/v3/conversations").Where(c => c.PathAndQuery == "/v3/conversations").ToArray();

    /// <summary>A referral (not urgent) sent, its manager and the case handler able to hear from the bot, and its channel card posted.</summary>
    private protected async Task<string> ReferralOnTheChannelAsync(Func<string, Activity, bool>? crashOn = null, bool secondCaseHandler = false)
    {
        await StartAsync(managerInDirectory: true, crashOn, secondCaseHandler);
        await SayHiAsync(ManagerTeamsId, ManagerAadId, "Alex Morgan", ManagerChat, ManagerChatPath);
        await SayHiAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, HandlerChatPath);
        var submissionId = Guid.NewGuid().ToString();
        var reference = ReferenceIn(WorkflowHarness.CardText(await PersonInvokeAsync(SupportVerbs.Confirm, Confirmation(submissionId, Inputs(submissionId), ManagerAadId))));
        await WorkflowHarness.WaitUntilAsync(async () => (await Referrals.GetAsync(reference))?.Record.ChannelCard is not null);
        return reference;
    }

    /// <summary>Scheduling is idempotent per key: scheduling it again says whether the referral had already set it.</summary>
    private protected async Task<bool> TakeReminderIsNewAsync(string reference)
    {
        var referral = (await Referrals.GetAsync(reference))!.Record;
        return await harness.App.Services.GetRequiredService<IReminders>().ScheduleAsync(UntakenReferralReminder.Key(referral), referral.CreatedAt.AddMinutes(15));
    }

    private protected async Task<RecordedRequest[]> WaitForChannelThreadAsync()
    {
        await WorkflowHarness.WaitUntilAsync(() => Task.FromResult(ChannelThreads().Length > 0));
        return ChannelThreads();
    }
}
