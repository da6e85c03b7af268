using System.Text.Json.Nodes;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Workflows.HarassmentSupport;

namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

/// <summary>A case handler hands a case over to another case handler.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SupportHandOverWorkflowTests(AzuriteFixture azurite) : SupportWorkflowTestBase(azurite)
{
    [Fact]
    public async Task The_case_handler_hands_the_case_over_once_the_new_one_gets_the_details_the_channel_names_them_and_the_person_is_told()
    {
        var reference = await ReferralOnTheChannelAsync(secondCaseHandler: true);
        await SayHiAsync("29:second-handler", SecondHandlerAadId, "Riley Brooks", SecondHandlerChat, SecondHandlerChatPath);
        await TakeAsync(reference, BotApplicationFactory.ApproverAadId);
        await harness.WaitForCallsAsync("POST", PersonChatPath, 1);

        // Sam's case card offers Riley, by name, to hand over to.
        var caseCard = (await harness.WaitForCallsAsync("POST", HandlerChatPath, 2))[1].Body;
        Assert.Contains(SupportVerbs.HandOver, caseCard, StringComparison.Ordinal);
        Assert.Contains("Riley Brooks", caseCard, StringComparison.Ordinal);
        var draftId = caseCard.Split("\"draftId\":\"")[1].Split('"')[0];

        Task<JsonNode> AsAsync(string teamsId, string aadId, string name, string chat, object data) =>
            harness.PostAsync(harness.Invoke(SupportVerbs.HandOver, data, teamsId, aadId, name, inChannel: false, chat));

        // Riley cannot take it over by handing it to themself; Sam cannot hand it to someone who is not a case handler.
        var notTheirs = await AsAsync("29:second-handler", SecondHandlerAadId, "Riley Brooks", SecondHandlerChat, new { reference, handOverTo = SecondHandlerAadId });
        Assert.Contains("Only Sam Carter", notTheirs["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var notAHandler = await AsAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, new { reference, handOverTo = BotApplicationFactory.SeniorManagerAadId });
        Assert.Contains("Choose one of the other case handlers", WorkflowHarness.CardText(notAHandler), StringComparison.Ordinal);

        var handOver = new { reference, draftId, handOverTo = SecondHandlerAadId, handOverNote = "Away until the 20th; she prefers afternoons" };
        var first = WorkflowHarness.CardText(await AsAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, handOver));
        Assert.Contains("over to Riley Brooks", first, StringComparison.Ordinal);
        Assert.DoesNotContain(SupportVerbs.Message, first, StringComparison.Ordinal);
        Assert.DoesNotContain("home street", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", first, StringComparison.Ordinal);
        var retried = WorkflowHarness.CardText(await AsAsync(HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", HandlerChat, handOver));
        Assert.Contains("over to Riley Brooks", retried, StringComparison.Ordinal);

        // Riley: the full case card, with the note; the channel: Riley's name and nothing personal; the person: who has it now.
        var details = (await harness.WaitForCallsAsync("POST", SecondHandlerChatPath, 2))[1].Body;
        Assert.Contains("home street", details, StringComparison.Ordinal);
        Assert.Contains("she prefers afternoons", details, StringComparison.Ordinal);
        Assert.Contains(SupportVerbs.Close, details, StringComparison.Ordinal);
        var update = (await harness.WaitForCallsAsync("PUT", "/v3/conversations", 2))[1].Body;
        Assert.Contains("Handed over to Riley Brooks", update, StringComparison.Ordinal);
        foreach (var secret in Secrets.Append("afternoons"))
        {
            Assert.DoesNotContain(secret, update, StringComparison.OrdinalIgnoreCase);
        }

        var told = (await harness.WaitForCallsAsync("POST", PersonChatPath, 2))[1].Body;
        Assert.Contains("Your request has a new case handler", told, StringComparison.Ordinal);
        Assert.Contains("Riley Brooks from Communications", told, StringComparison.Ordinal);
        Assert.DoesNotContain("afternoons", told, StringComparison.Ordinal);

        // Sam can do nothing more; Riley can.
        var samAgain = await harness.PostAsync(harness.Invoke(SupportVerbs.Message, new { reference, message = "Hello?" }, HandlerTeamsId, BotApplicationFactory.ApproverAadId, "Sam Carter", inChannel: false, HandlerChat));
        Assert.Contains("Only Riley Brooks", samAgain["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await harness.PostAsync(harness.Invoke(SupportVerbs.Message, new { reference, message = "Hello, I look after your request now." }, "29:second-handler", SecondHandlerAadId, "Riley Brooks", inChannel: false, SecondHandlerChat));
        await harness.WaitForCallsAsync("POST", PersonChatPath, 3);

        // Sam's case card, the one with the details, is replaced in Sam's chat by one without them.
        var replaced = Assert.Single(await harness.WaitForCallsAsync("PUT", HandlerChatPath + "/", 1)).Body;
        Assert.Contains("over to Riley Brooks", replaced, StringComparison.Ordinal);
        foreach (var secret in Secrets.Append("afternoons"))
        {
            Assert.DoesNotContain(secret, replaced, StringComparison.OrdinalIgnoreCase);
        }

        await Task.Delay(300);
        Assert.Equal(2, harness.Calls("POST", SecondHandlerChatPath).Length);
        Assert.Single(harness.Calls("PUT", HandlerChatPath + "/"));
        Assert.Equal(3, harness.Calls("PUT", "/v3/conversations").Length);
        Assert.Equal(3, harness.Calls("POST", PersonChatPath).Length);
        var record = (await Referrals.GetAsync(reference))!.Record;
        Assert.Single(record.Audit, entry => entry.Action == ReferralAuditActions.HandedOver);
        Assert.Equal(SecondHandlerAadId, record.Handler!.By.AadObjectId);
        foreach (var line in logs.GetSnapshot())
        {
            Assert.DoesNotContain("afternoons", line.Message, StringComparison.Ordinal);
        }
    }
}
