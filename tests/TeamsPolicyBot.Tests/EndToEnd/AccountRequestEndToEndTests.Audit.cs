using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.EndToEnd.PlaygroundCards;

namespace TeamsPolicyBot.Tests.EndToEnd;

/// <summary>
/// An approved account for its whole life (issue 11), as the people in it see it: its audit comes round
/// <see cref="PlaygroundFixture.AuditInterval"/> after the approval, Sam completes it in the personal chat, Comms reviews
/// it in the request's thread and lets the account continue to its next audit.
/// </summary>
public sealed partial class AccountRequestEndToEndTests
{
    // The interval, plus a poll of the reminders, plus time for a slow machine.
    private static readonly TimeSpan AuditDeadline = PlaygroundFixture.AuditInterval + PlaygroundFixture.ReminderPollInterval + TimeSpan.FromSeconds(30);

    // The account as cards name it (Markdown, so the handle's underscore is escaped).
    private const string AuditedAccount = @"Instagram · @e2e\_audit";

    [Fact]
    public async Task An_approved_account_is_audited_after_its_interval_Sam_completes_it_and_only_Comms_lets_it_continue_to_its_next_audit()
    {
        var (reference, channelCard) = await NewRequestAsync("@e2e_audit");
        var mark = Playground.Mark();
        CardOf(await DecideAsync(channelCard, People.CommsApprover, AccountRequestVerbs.Approve));

        // The audit falls due an interval after the approval: the audit card arrives in Sam's chat, with its questions.
        var audit = await NextAsync(() => Playground.NextBotMessageAsync(
            mark, e => e.ConversationId == Tenant.PersonalChatId && IsYearlyAudit(e) && IsAbout(e, reference), AuditDeadline));
        Assert.Contains($"Yearly audit: {AuditedAccount}", Texts(Content(audit)));
        Assert.Equal(["accountAudit.complete"], ExecuteVerbs(Content(audit)).Where(verb => verb != OfficialAccountVerbs.RefreshAudit));

        // Sam answers it: the card says it went to Comms, and the review card is a reply in the request's thread.
        mark = Playground.Mark();
        var completed = CardOf(await ClickAsync(audit, People.Staff, OfficialAccountVerbs.CompleteAudit, new JsonObject
        {
            ["stillActive"] = "yes",
            ["lastPost"] = "Last week: our new malaria paper.",
            ["twoFactor"] = "yes",
            ["passwordsChanged"] = "nobodyLeft",
            ["planStillValid"] = "yes",
            ["administratorsNote"] = "",
            ["forComms"] = "",
        }));
        Assert.Contains(Texts(completed), text => text.StartsWith($"Audit completed: {AuditedAccount}", StringComparison.Ordinal));
        var review = await NextAsync(() => Playground.NextBotMessageAsync(
            mark, e => e.ConversationId == channelCard.PostConversationId && e.Attachments.Count > 0, Timeout));
        Assert.Contains($"Audit to review: {AuditedAccount}", Texts(Content(review)));
        Assert.Contains("Last week: our new malaria paper.", Strings(Content(review)));
        Assert.Equal("Under review", (await RegisterLineAsync(reference, "e2e_audit"))["Status"]);

        // Sam runs the account but is not Comms, nor is Jordan: Continue forged from the card is refused, and nothing changes.
        Assert.Equal(OfficialAccountActions.CommsOnly, MessageOf(await ClickAsync(review, People.Staff, OfficialAccountVerbs.Continue)));
        Assert.Equal(OfficialAccountActions.CommsOnly, MessageOf(await ClickAsync(review, People.OtherStaff, OfficialAccountVerbs.Continue)));
        Assert.Equal("Under review", (await RegisterLineAsync(reference, "e2e_audit"))["Status"]);

        // Morgan lets it continue: the next audit is an interval from the click, the card says so, Sam is told.
        mark = Playground.Mark();
        var before = DateTimeOffset.UtcNow;
        var continued = CardOf(await ClickAsync(review, People.CommsApprover, OfficialAccountVerbs.Continue));
        var after = DateTimeOffset.UtcNow;
        var nextAudit = await NextAuditDueAsync(reference);
        Assert.InRange(nextAudit, before + PlaygroundFixture.AuditInterval - TimeSpan.FromSeconds(1), after + PlaygroundFixture.AuditInterval + TimeSpan.FromSeconds(1));
        Assert.Contains(Texts(continued), text => text.StartsWith($"Audit reviewed: {AuditedAccount}", StringComparison.Ordinal));
        Assert.DoesNotContain(OfficialAccountVerbs.Continue, ExecuteVerbs(continued));
        await NextAsync(() => Playground.NextBotMessageAsync(
            mark,
            e => e.ConversationId == Tenant.PersonalChatId && e.Text?.Contains($"the account continues. Its next audit is on {CardDates.Date(nextAudit)}", StringComparison.Ordinal) == true,
            Timeout));

        // "accounts" lists it as Active with that date, until the next audit comes round.
        var line = await RegisterLineAsync(reference, "e2e_audit");
        Assert.Equal(CardDates.Date(nextAudit), line["Next audit"]);
        Assert.True(line["Status"] == "Active" || DateTimeOffset.UtcNow >= nextAudit, $"{reference} reads {line["Status"]} before its next audit.");
    }

    /// <summary>
    /// The facts (Unit, Status, Next audit, ...) "accounts" shows for <paramref name="reference"/> when Morgan types it in his
    /// personal chat, followed by <paramref name="words"/> (its handle: the search does not look at references).
    /// </summary>
    private async Task<Dictionary<string, string>> RegisterLineAsync(string reference, string words)
    {
        morgansChat ??= await OpenPersonalChatAsync(People.CommsApprover);
        var listing = await SayInPrivateChatAsync(People.CommsApprover, morgansChat, $"accounts {words}");
        return FactsOfLine(listing.Card, reference);
    }

    private string? morgansChat;

    /// <summary>The facts of the listing's line whose Reference is <paramref name="reference"/>.</summary>
    private static Dictionary<string, string> FactsOfLine(JsonElement card, string reference)
    {
        var facts = Assert.Single(
            Elements(card.GetProperty("body")).Where(e => e.GetProperty("type").GetString() == "FactSet").Select(e => e.GetProperty("facts").EnumerateArray()
                .ToDictionary(fact => fact.GetProperty("title").GetString()!, fact => fact.GetProperty("value").GetString()!)),
            line => line.GetValueOrDefault("Reference") == reference);
        return facts;
    }

    /// <summary>The account's next audit as stored (the card shows only its day).</summary>
    private async Task<DateTimeOffset> NextAuditDueAsync(string reference)
    {
        var table = new TableServiceClient(Stack.TablesConnectionString).GetTableClient(TableNames.OfficialAccounts);
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == OfficialAccountKeys.Partition && row.RowKey == OfficialAccountKeys.Row(reference)))
        {
            return row.GetDateTimeOffset(nameof(OfficialAccount.NextAuditDue))!.Value;
        }

        throw new InvalidOperationException($"{reference} is not in the register's table.");
    }
}
