using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Tests.Workflows.HarassmentSupport;
using TeamsPolicyBot.Tests.Workflows.Incidents;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Storage;

/// <summary>
/// Records that grow (case messages, questions, history) stay within Azure's limits (64 KiB a property, 1 MiB an entity,
/// which Azurite does not enforce) by moving old entries to child rows, and every card made from them stays under Teams'
/// ~28 KB message size by showing the latest entries and "N earlier".
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecordGrowthTests(AzuriteFixture azurite)
{
    private const int MaxEntityBytes = 1024 * 1024;
    private const int MaxPropertyBytes = 64 * 1024;
    private const int MaxCardBytes = 28_000;

    /// <summary>Typical text at a field's longest: words, punctuation, an apostrophe and quotes (which JSON escapes).</summary>
    private static string Long(int length, string seed) =>
        new StringBuilder().Insert(0, $"{seed}: it's \"again\" and again, ", (length / 20) + 1).ToString()[..length];

    /// <summary>Text the JSON writers escape character by character (\uXXXX: six characters each), at a field's longest.</summary>
    private static string Escaped(int length) => new('中', length);

    /// <summary>How Azure counts an entity's size: keys and names as UTF-16, strings as UTF-16 plus 4 bytes, 8 bytes per property.</summary>
    private static int EntityBytes(TableEntity entity) =>
        4 + (2 * (entity.PartitionKey.Length + entity.RowKey.Length)) + entity.Keys
            .Where(name => name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            .Sum(name => 8 + (2 * name.Length) + entity[name] switch
            {
                string text => 4 + (2 * text.Length),
                bool => 1,
                int => 4,
                _ => 8,
            });

    private static void AssertWithinAzureLimits(TableEntity entity)
    {
        Assert.True(EntityBytes(entity) < MaxEntityBytes, $"{entity.RowKey} is {EntityBytes(entity)} bytes.");
        foreach (var text in entity.Keys.Select(name => entity[name]).OfType<string>())
        {
            Assert.True(4 + (2 * text.Length) < MaxPropertyBytes, $"A property of {entity.RowKey} is {text.Length} characters.");
        }
    }

    /// <summary>The card as the bot sends it: a message activity, serialised as the connector client does.</summary>
    private static int CardBytes(Attachment card) => JsonSerializer.SerializeToUtf8Bytes(Activity.CreateMessage(attachments: card), BotJson.Options).Length;

    private static IncidentCards IncidentCards() =>
        new(CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All), Options.Create(new CommsOptions { ContactEmail = "comms@lshtm.ac.uk" }), Options.Create(new SupportResourcesOptions()));

    private static SupportReferral LongestReferral() => SupportSamples.Requested(inputs =>
    {
        inputs["what"] = Long(4000, "what");
        inputs["links"] = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"https://x.com/angry_reader/status/{i}{new string('1', 150)}"));
        inputs["platformOther"] = Long(50, "platform");
    });

    [Fact]
    public async Task Five_hundred_relayed_messages_on_one_case_save_and_the_case_card_stays_under_the_limit()
    {
        var storage = await azurite.CreateTablesAsync();
        var referrals = new SupportReferralRepository(storage);
        var requested = LongestReferral();
        await referrals.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(requested));
        var at = SupportSamples.Later;
        Assert.NotNull((await referrals.ApplyAsync(requested.Reference, r => r.Take(SupportSamples.Handler, at), default)).Changed);

        for (var i = 1; i <= 500; i++)
        {
            var from = i % 2 == 1 ? SupportSamples.Handler : SupportSamples.Person;
            var message = Long(2000, $"message {i}");
            var sent = at.AddMinutes(i);
            var outcome = await referrals.ApplyAsync(requested.Reference, r => r.Message(from, message, sent, $"draft-{i}"), default);
            Assert.True(outcome.Changed is not null, $"Message {i}: {outcome.RefusalMessage}");
            if (i % 50 == 0)
            {
                var actionText = Long(1000, $"action {i}");
                Assert.NotNull((await referrals.ApplyAsync(requested.Reference, r => r.RecordAction(SupportSamples.Handler, actionText, sent, $"action-{i}"), default)).Changed);
            }
        }

        // Then everything else the case card lists, at its longest: hand-overs with notes, and the closing notes.
        var owner = SupportSamples.Handler;
        for (var i = 1; i <= 4; i++)
        {
            var (from, to) = (owner, owner == SupportSamples.Handler ? SupportSamples.OtherHandler : SupportSamples.Handler);
            var note = Long(1000, $"hand-over {i}");
            Assert.NotNull((await referrals.ApplyAsync(requested.Reference, r => r.HandOver(from, to, note, at.AddDays(1).AddMinutes(i)), default)).Changed);
            owner = to;
        }

        var closingNotes = Long(1000, "closing");
        Assert.NotNull((await referrals.ApplyAsync(requested.Reference, r => r.Close(owner, "supportGiven", closingNotes, at.AddDays(2)), default)).Changed);

        var stored = (await referrals.GetAsync(requested.Reference))!.Record;
        Assert.Equal(500, stored.MessageCount);
        Assert.Equal(500, stored.Messages[^1].Number);
        Assert.InRange(stored.Messages.Count, SupportReferral.MessagesBound.Keep, SupportReferral.MessagesBound.Max);
        Assert.Equal(10, stored.ActionCount);
        Assert.InRange(stored.Audit.Count, 1, SupportReferral.AuditBound.Max);

        var table = storage.GetTable(TableNames.SupportReferrals);
        var recordRow = SupportReferralRow.Layout.RecordRow(requested.Reference);
        AssertWithinAzureLimits((await table.GetEntityAsync<TableEntity>(SupportReferralRow.Partition, recordRow)).Value);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SupportReferralRow.Partition}")))
        {
            AssertWithinAzureLimits(row);
        }

        // Nothing is lost: the child rows hold every message the record no longer does, in order.
        var moved = await ChildRows.ReadAsync<CaseMessage>(table, SupportReferralRow.Partition, recordRow, "messages", default);
        Assert.Equal(Enumerable.Range(1, 500), moved.Concat(stored.Messages).Select(m => m.Number));
        Assert.StartsWith("message 1:", moved[0].Text, StringComparison.Ordinal);
        var movedAudit = await ChildRows.ReadAsync<TeamsPolicyBot.Records.AuditEntry>(table, SupportReferralRow.Partition, recordRow, "audit", default);
        Assert.Equal(ReferralAuditActions.Requested, movedAudit[0].Action);
        Assert.Equal(1 + 1 + 500 + 10 + 4 + 1, movedAudit.Count + stored.Audit.Count);

        var openCard = SupportSamples.Templates.Case(stored with { Status = ReferralStatus.Taken, Closure = null }, handOver: new HandOverChoices([new("Morgan Reid", SupportSamples.OtherHandler.AadObjectId)], ByPicker: false));
        Assert.True(CardBytes(openCard) < MaxCardBytes, $"The open case card is {CardBytes(openCard)} bytes.");
        var card = SupportSamples.Templates.Case(stored);
        var text = SupportSamples.Text(card);
        Assert.True(CardBytes(card) < MaxCardBytes, $"The case card is {CardBytes(card)} bytes.");
        Assert.Contains("495 earlier messages are not shown here.", text, StringComparison.Ordinal);
        Assert.Contains("message 500:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message 495:", text, StringComparison.Ordinal);
        Assert.Contains("5 earlier actions are not shown here.", text, StringComparison.Ordinal);
        Assert.Contains("1 earlier hand-over is not shown here.", text, StringComparison.Ordinal);
        Assert.Contains("closing:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_questions_and_answers_on_one_incident_save_and_the_triage_card_stays_under_the_limit()
    {
        var storage = await azurite.CreateTablesAsync();
        var incidents = new IncidentRepository(storage);
        var reported = IncidentSamples.Reported(inputs =>
        {
            inputs["what"] = Long(2000, "what");
            inputs["evidence"] = Long(1000, "evidence");
            inputs["actionsTaken"] = Long(1000, "actions");
            inputs["links"] = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"https://x.com/someone/status/{i}{new string('1', 150)}"));
        });
        await incidents.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(reported));

        for (var i = 1; i <= 200; i++)
        {
            var asked = IncidentSamples.ReportedAt.AddMinutes(i);
            var question = Long(1000, $"question {i}");
            var answer = Long(2000, $"answer {i}");
            var number = i;
            Assert.NotNull((await incidents.ApplyAsync(reported.Reference, r => r.Ask(IncidentSamples.Triager, question, asked), default)).Changed);
            Assert.NotNull((await incidents.ApplyAsync(reported.Reference, r => r.AnswerQuestion(IncidentSamples.Reporter, number, answer, asked.AddSeconds(30)), default)).Changed);
        }

        var stored = (await incidents.GetAsync(reported.Reference))!.Record;
        Assert.Equal(200, stored.QuestionCount);
        Assert.Equal(400 + 1, stored.AuditCount);
        Assert.InRange(stored.Questions.Count, 1, Incident.QuestionsBound.Max);
        Assert.InRange(stored.Audit.Count, 1, Incident.AuditBound.Max);

        var table = storage.GetTable(TableNames.Incidents);
        var recordRow = IncidentRow.Layout.RecordRow(reported.Reference);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {IncidentRow.Partition}")))
        {
            AssertWithinAzureLimits(row);
        }

        var moved = await ChildRows.ReadAsync<ReporterQuestion>(table, IncidentRow.Partition, recordRow, "questions", default);
        Assert.Equal(Enumerable.Range(1, 200), moved.Concat(stored.Questions).Select(q => q.Number));
        Assert.All(moved, q => Assert.True(q.IsAnswered));
        Assert.Equal(401, (await ChildRows.ReadAsync<TeamsPolicyBot.Records.AuditEntry>(table, IncidentRow.Partition, recordRow, "audit", default)).Count + stored.Audit.Count);

        // An answer to a question long moved out is refused in words, not as an unknown question.
        var late = await incidents.ApplyAsync(reported.Reference, r => r.AnswerQuestion(IncidentSamples.Reporter, 3, "Late answer", DateTimeOffset.UtcNow), default);
        Assert.Contains("already answered question 3", late.RefusalMessage, StringComparison.Ordinal);

        for (var i = 1; i <= 20; i++)
        {
            var note = Long(CommsNotes.MaxLength, $"note {i}");
            Assert.NotNull((await incidents.ApplyAsync(reported.Reference, r => r.AddNote(IncidentSamples.OtherTriager, note, IncidentSamples.ReportedAt.AddDays(1)), default)).Changed);
        }

        stored = (await incidents.GetAsync(reported.Reference))!.Record;
        Assert.Equal(20, (await ChildRows.ReadAsync<CommsNote>(table, IncidentRow.Partition, recordRow, "notes", default)).Count + stored.Notes.Count);
        Assert.InRange(stored.Notes.Count, 1, CommsNotes.Bound.Max);
        var card = IncidentCards().Triage(stored, viewerMayTriage: true, ["29:approver"], viewerReadsNotes: true);
        var text = JsonSerializer.Serialize(card.Content);
        Assert.Contains("17 earlier notes are not shown here.", text, StringComparison.Ordinal);
        Assert.True(CardBytes(card) < MaxCardBytes, $"The triage card is {CardBytes(card)} bytes.");
        Assert.Contains("197 earlier questions are not shown here.", text, StringComparison.Ordinal);
        Assert.Contains("415 earlier steps are not shown here.", text, StringComparison.Ordinal);
        Assert.Contains("question 200:", text, StringComparison.Ordinal);
        Assert.Contains("note 20:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eighty_rounds_of_changes_on_one_account_request_save_and_the_approval_card_stays_under_the_limit()
    {
        var storage = await azurite.CreateTablesAsync();
        var requests = new AccountRequestRepository(storage);
        var pending = AccountRequestSamples.Pending("SMA-2026-0077");
        await requests.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(pending));

        for (var round = 1; round <= 80; round++)
        {
            var at = AccountRequestSamples.SubmittedAt.AddHours(round);
            var message = Long(1000, $"changes {round}");
            Assert.NotNull((await requests.ApplyAsync(pending.Reference, r => r.RequestChanges(AccountRequestSamples.Approver, message, at), default)).Changed);
            Assert.NotNull((await requests.ApplyAsync(pending.Reference, r => r.Resubmit(pending.Details, AccountRequestSamples.RequesterActor, at.AddMinutes(30)), default)).Changed);
        }

        var stored = (await requests.GetAsync(pending.Reference))!.Record;
        Assert.Equal(81, stored.Version);
        Assert.Equal(1 + 160, stored.EarlierAudit + stored.Audit.Count);
        Assert.InRange(stored.Audit.Count, 1, AccountRequest.AuditBound.Max);
        var table = storage.GetTable(TableNames.AccountRequests);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {AccountRequestKeys.Partition}")))
        {
            AssertWithinAzureLimits(row);
        }

        var moved = await ChildRows.ReadAsync<TeamsPolicyBot.Records.AuditEntry>(table, AccountRequestKeys.Partition, AccountRequestKeys.RequestRow(pending.Reference), "audit", default);
        Assert.Equal(stored.EarlierAudit, moved.Count);
        Assert.Equal("Version 1", moved[0].Detail);

        var cards = new AccountRequestCards(CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All), Options.Create(new CommsOptions { ContactEmail = "comms@lshtm.ac.uk" }));
        var card = cards.Approval(stored, viewerMayDecide: true, ["29:approver"]);
        Assert.True(CardBytes(card) < MaxCardBytes, $"The approval card is {CardBytes(card)} bytes.");
        Assert.Contains("156 earlier steps are not shown here.", JsonSerializer.Serialize(card.Content), StringComparison.Ordinal);
    }

    [Fact]
    public void Questions_waiting_for_an_answer_are_capped_so_the_ones_that_must_stay_cannot_pile_up()
    {
        var incident = IncidentSamples.Reported();
        for (var i = 1; i <= Incident.MaxUnanswered; i++)
        {
            incident = incident.Ask(IncidentSamples.Triager, $"Question {i}?", IncidentSamples.ReportedAt.AddMinutes(i)).Next!;
        }

        var refused = incident.Ask(IncidentSamples.Triager, "One more?", IncidentSamples.ReportedAt.AddHours(1));

        Assert.Equal(IncidentRefusalKind.NotAllowedInStatus, refused.Refusal?.Kind);
        Assert.Contains("wait for their answers", refused.Refusal!.Message, StringComparison.Ordinal);
        Assert.NotNull(incident.AnswerQuestion(IncidentSamples.Reporter, 1, "Yes.", IncidentSamples.ReportedAt.AddHours(1)).Next!
            .Ask(IncidentSamples.Triager, "One more?", IncidentSamples.ReportedAt.AddHours(2)).Next);
    }

    [Fact]
    public void A_referral_at_its_bounds_with_every_text_at_its_longest_in_characters_JSON_escapes_fits_one_entity()
    {
        var at = SupportSamples.Later;
        var referral = SupportSamples.Requested(inputs =>
        {
            inputs["what"] = Escaped(4000);
            inputs["platformOther"] = Escaped(50);
        }).Take(SupportSamples.Handler, at).Next!;
        for (var i = 1; i <= SupportReferral.MessagesBound.Max; i++)
        {
            referral = referral.Message(SupportSamples.Handler, Escaped(2000), at.AddMinutes(i)).Next!;
        }

        for (var i = 1; i <= SupportReferral.ActionsBound.Max; i++)
        {
            referral = referral.RecordAction(SupportSamples.Handler, Escaped(1000), at.AddMinutes(i)).Next!;
        }

        referral = referral with
        {
            HandOvers = [.. Enumerable.Range(1, SupportReferral.HandOversBound.Max).Select(i => new CaseHandOver(i, new(SupportSamples.Handler, at), SupportSamples.OtherHandler, Escaped(1000)))],
        };
        referral = referral.Withdraw(SupportSamples.Person, Escaped(1000), at.AddDays(1)).Next!;

        var kept = referral.MoveOldEntries().Kept;

        Assert.Equal(SupportReferral.MessagesBound.Max, kept.Messages.Count);
        AssertWithinAzureLimits(SupportReferralRow.ToEntity(kept));
    }

    [Fact]
    public void An_incident_at_its_bounds_with_every_text_at_its_longest_in_characters_JSON_escapes_fits_one_entity()
    {
        var incident = IncidentSamples.Reported(inputs =>
        {
            inputs["what"] = Escaped(2000);
            inputs["evidence"] = Escaped(1000);
            inputs["actionsTaken"] = Escaped(1000);
        });
        var at = IncidentSamples.ReportedAt;
        for (var i = 1; incident.Questions.Count < Incident.QuestionsBound.Max && incident.Audit.Count < Incident.AuditBound.Max - 1; i++)
        {
            incident = incident.Ask(IncidentSamples.Triager, Escaped(1000), at.AddMinutes(i)).Next!;
            incident = incident.AnswerQuestion(IncidentSamples.Reporter, i, Escaped(2000), at.AddMinutes(i)).Next!;
        }

        incident = incident.Resolve(IncidentSamples.Triager, "other", Escaped(1000), at.AddDays(1)).Next! with
        {
            Notes = [.. Enumerable.Range(1, CommsNotes.Bound.Max).Select(i => new CommsNote(Escaped(CommsNotes.MaxLength), new Stamp(IncidentSamples.OtherTriager, at.AddMinutes(i))))],
        };

        AssertWithinAzureLimits(IncidentRow.ToEntity(incident.MoveOldEntries().Kept));
    }

    [Fact]
    public void An_account_request_at_its_bounds_with_every_text_at_its_longest_in_characters_JSON_escapes_fits_one_entity()
    {
        var at = AccountRequestSamples.SubmittedAt;
        var request = AccountRequestSamples.Pending() with
        {
            Audit = [.. Enumerable.Range(1, AccountRequest.AuditBound.Max).Select(i => new AuditEntry(at, AccountRequestSamples.Approver.AadObjectId, Escaped(100), AuditActions.ChangesRequested, Escaped(AccountRequestLimits.ChangesMessage)))],
            Notes = [.. Enumerable.Range(1, CommsNotes.Bound.Max).Select(i => new CommsNote(Escaped(CommsNotes.MaxLength), new Stamp(AccountRequestSamples.Approver, at.AddMinutes(i))))],
        };

        AssertWithinAzureLimits(AccountRequestRow.ToEntity(request.MoveOldEntries().Kept));
    }
}
