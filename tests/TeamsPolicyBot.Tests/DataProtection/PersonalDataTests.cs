using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using static TeamsPolicyBot.Tests.TestSupport.SeededRecords;
using Incidents = TeamsPolicyBot.Tests.Workflows.Incidents.IncidentSamples;
using Support = TeamsPolicyBot.Tests.Workflows.HarassmentSupport.SupportSamples;

namespace TeamsPolicyBot.Tests.DataProtection;

/// <summary>
/// A person's data against Azurite: one record of every kind seeded through its store and transitions, with the same
/// people in different roles (Sam Carter decides the account request and notes on it, triages the incident and handles
/// the support case; Priya Shah reports the incident and asked for support; Ada Lovelace requested the account), then
/// found, exported and erased, and every row of every table with the test's prefix read to check what is left.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PersonalDataTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    internal static readonly Actor Sam = Support.Handler;
    internal static readonly Actor Priya = Support.Person;
    private const string AlexId = "3f0b9c2e-5555-4a6b-9c1d-000000000005";

    /// <summary>Typed into a support message that moves out to a child row of the referral.</summary>
    private const string EarlyMessage = "Sam Carter asked about the first posts";

    private readonly FakeTimeProvider time = new(Now);
    private TableStorage storage = null!;

    private async Task<PersonalData> ArrangeAsync()
    {
        storage = await azurite.CreateTablesAsync();
        return await SeedAsync(storage, time);
    }

    /// <summary>One record of every kind, the people above in their roles; the participants the bot registers, on <paramref name="storage"/>.</summary>
    internal static async Task<PersonalData> SeedAsync(TableStorage storage, TimeProvider time)
    {
        var myRequests = new MyRequestsRepository(storage);
        var reminders = new ReminderScheduler(new ReminderStore(storage, time), time);

        var requests = new AccountRequestRepository(storage);
        // The sample's second administrator is an email only; picked from the directory they have an object id too.
        var sample = AccountRequestSamples.Pending();
        var pending = sample with { Details = sample.Details with { SecondAdmin = new Administrator(AccountRequestSamples.SecondAdminId, "alan.turing@lshtm.ac.uk", "Alan Turing") } };
        await requests.SubmitAsync(pending.SubmissionId!, _ => Task.FromResult(pending));
        await Changed(requests.ApplyAsync(pending.Reference, r => r.AddNote(Sam, "Checked with Ada Lovelace by phone.", Now.AddHours(-3)), default));
        var approved = await Changed(requests.ApplyAsync(pending.Reference, r => r.Approve(Sam, Now.AddHours(-2)), default));
        await myRequests.UpsertAsync(approved.ToMyRequestItem());
        await new OfficialAccountRepository(storage).AddFromApprovedRequestAsync(approved);

        var incidents = new IncidentRepository(storage);
        var reported = Incidents.Reported() with { Reporter = Priya };
        await incidents.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(reported));
        await Changed(incidents.ApplyAsync(reported.Reference, i => i.Take(Sam, Now.AddHours(-2)), default));
        await Changed(incidents.ApplyAsync(reported.Reference, i => i.AddNote(Sam, "Priya Shah is shaken; go gently.", Now.AddHours(-1)), default));
        var resolved = await Changed(incidents.ApplyAsync(reported.Reference, i => i.Resolve(Sam, "disciplinary", "Referred to HR.", Now), default));
        await myRequests.UpsertAsync(resolved.ToMyRequestItem());

        var referrals = new SupportReferralRepository(storage);
        var requested = Support.Requested();
        await referrals.SubmitAsync(Guid.NewGuid().ToString(), _ => Task.FromResult(requested));
        await Changed(referrals.ApplyAsync(requested.Reference, r => r.Take(Sam, Now.AddHours(-5)), default));
        for (var i = 0; i < SupportReferral.MessagesBound.Max + 1; i++)
        {
            var text = i == 0 ? EarlyMessage : $"Update {i} from me";
            await Changed(referrals.ApplyAsync(requested.Reference, r => r.Message(Priya, text, Now.AddMinutes(-200 + i)), default));
        }

        var taken = (await referrals.GetAsync(requested.Reference))!.Record;
        await myRequests.UpsertAsync(taken.ToMyRequestItem());
        await reminders.ScheduleAsync(UntakenReferralReminder.Key(taken), Now.AddMinutes(15));
        await RememberChatAsync(storage, time, Priya.AadObjectId, "29:priya", Priya.Name);
        await RememberChatAsync(storage, time, Sam.AadObjectId, "29:sam", Sam.Name);

        var accountRequests = new AccountRequestRetention(storage, myRequests, reminders);
        IPersonalDataParticipant[] participants =
        [
            accountRequests,
            new OfficialAccountRetention(new OfficialAccountRepository(storage), accountRequests),
            new IncidentRetention(storage, myRequests, reminders),
            new SupportReferralRetention(storage, myRequests, reminders),
        ];
        return new PersonalData(participants, storage, Options.Create(new RetentionOptions()), time);
    }

    [Fact]
    public async Task Every_record_is_found_for_each_person_in_each_role_with_its_status_and_when_it_goes()
    {
        var data = await ArrangeAsync();

        var sam = Roles(await data.FindAsync(Sam.AadObjectId, deep: true, default));
        Assert.Equal(["decided it (Comms approver)", "note author (Comms)"], sam["AccountRequests"]);
        Assert.Equal(["approved it (Comms)"], sam["ClosedAccounts"]);
        Assert.Equal(["triaged it (Comms)", "resolved it", "note author (Comms)"], sam["Incidents"]);
        Assert.Equal(["case handler"], sam["SupportReferrals"]);

        var priya = await data.FindAsync(Priya.AadObjectId, deep: true, default);
        Assert.Equal(["reporter"], Roles(priya)["Incidents"]);
        Assert.Equal(["person supported"], Roles(priya)["SupportReferrals"]);
        var incident = Assert.Single(priya, record => record.Kind == "Incidents");
        Assert.Equal(Now + new RetentionOptions().Incidents, incident.DeleteOn);
        var referral = Assert.Single(priya, record => record.Kind == "SupportReferrals");
        Assert.Null(referral.DeleteOn);
        Assert.Equal("kept while it is open, then six years after it ends", referral.KeptWhile);

        var ada = Roles(await data.FindAsync(AccountRequestSamples.RequesterId, deep: true, default));
        Assert.Equal(["requester and first administrator"], ada["AccountRequests"]);
        Assert.Equal(["administrator"], ada["ClosedAccounts"]);
        Assert.Equal(["second administrator"], Roles(await data.FindAsync(AccountRequestSamples.SecondAdminId, deep: true, default))["AccountRequests"]);
        Assert.Equal(["line manager"], Roles(await data.FindAsync(AlexId, deep: true, default))["SupportReferrals"]);
        Assert.All(await data.FindAsync(AccountRequestSamples.RequesterId, deep: false, default), record => Assert.Equal("kept while the account is active", record.KeptWhile));
    }

    [Fact]
    public async Task An_email_finds_the_object_id_stored_beside_it()
    {
        var data = await ArrangeAsync();

        Assert.Equal(AccountRequestSamples.RequesterId, await data.ResolveAsync("Ada.Lovelace@lshtm.ac.uk", default));
        Assert.Equal(AlexId, await data.ResolveAsync("alex.morgan@example.ac.uk", default));
        Assert.Null(await data.ResolveAsync("nobody@lshtm.ac.uk", default));
    }

    [Fact]
    public async Task The_export_holds_each_record_with_its_whole_trail_including_the_rows_moved_out()
    {
        var data = await ArrangeAsync();

        var export = await data.ExportAsync(Sam.AadObjectId, default);

        var records = export["records"]!.AsArray().Select(record => record!.AsObject()).ToList();
        Assert.Equal(["AccountRequests", "ClosedAccounts", "Incidents", "SupportReferrals"], records.Select(record => record["content"]!["kind"]!.GetValue<string>()));
        var referral = records.Single(record => record["content"]!["kind"]!.GetValue<string>() == "SupportReferrals");
        Assert.Contains(EarlyMessage, referral["content"]!["earlierEntries"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(EarlyMessage, referral["content"]!["record"]!.ToJsonString(), StringComparison.Ordinal);
        var incident = records.Single(record => record["content"]!["kind"]!.GetValue<string>() == "Incidents");
        Assert.Contains("Referred to HR.", incident["content"]!["record"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"audit\"", incident["content"]!["record"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sam")]
    [InlineData("priya")]
    public async Task Erasure_leaves_nothing_that_identifies_the_person_in_any_table_and_keeps_the_records(string who)
    {
        var data = await ArrangeAsync();
        var person = who == "sam" ? Sam : Priya;
        Assert.NotEmpty(await RowsContainingAsync(person.Name));
        var before = await data.FindAsync(person.AadObjectId, deep: true, default);

        var report = await data.EraseAsync(new PersonIdentity(person.AadObjectId), dryRun: false, default);

        foreach (var identifier in (string[])[person.AadObjectId, person.Name, .. person.Name.Split(' ')])
        {
            var left = await RowsContainingAsync(identifier);
            Assert.True(left.Count == 0, $"'{identifier}' is still stored: {string.Join(Environment.NewLine, left)}");
        }

        Assert.Equal(before.Select(record => record.Reference + record.Kind), report.Kept.Select(record => record.Reference + record.Kind));
        Assert.All(report.Kept, record => Assert.Contains("policy", record.Why, StringComparison.Ordinal));
        Assert.NotEmpty(await RowsContainingAsync(report.Pseudonym));
        Assert.Empty(await data.FindAsync(person.AadObjectId, deep: true, default));

        // The records still load and still name everyone else.
        Assert.NotNull(await new IncidentRepository(storage).GetAsync(before.First(record => record.Kind == "Incidents").Reference));
        Assert.NotEmpty(await RowsContainingAsync(who == "sam" ? Priya.Name : Sam.Name));
        Assert.NotEmpty(await RowsContainingAsync("Ada Lovelace"));
    }

    [Fact]
    public async Task A_dry_run_lists_what_erasure_would_keep_and_changes_nothing()
    {
        var data = await ArrangeAsync();
        var before = await AllRowsAsync();

        var report = await data.EraseAsync(new PersonIdentity(Priya.AadObjectId), dryRun: true, default);

        Assert.Equal(2, report.Kept.Count);
        Assert.True(report.RowsDeleted > 0, "the dry run counts the conversation and My requests rows erasure would delete");
        Assert.Equal(before, await AllRowsAsync());
    }

    [Fact]
    public async Task The_my_data_card_lists_each_record_with_the_persons_roles_and_when_it_is_deleted()
    {
        var data = await ArrangeAsync();
        var templates = CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All)
            .WithPrivacyNotice(new PrivacyNotice(Options.Create(new DataProtectionOptions { ContactEmail = "dpo@lshtm.ac.uk", PrivacyNoticeUrl = "https://www.lshtm.ac.uk/privacy" }), Options.Create(new RetentionOptions())).Data());

        var records = await data.FindAsync(Sam.AadObjectId, deep: false, default);
        var card = templates.Render(SharedCardNames.MyData, MyDataCard.Create(records)).GetRawText();

        var incident = records.Single(record => record.Kind == "Incidents");
        Assert.Contains($"{incident.Reference}", card, StringComparison.Ordinal);
        Assert.Contains("You: triaged it (Comms), resolved it, note author (Comms)", card, StringComparison.Ordinal);
        Assert.Contains($"Deleted on {CardDates.Date(Now + new RetentionOptions().Incidents)}", card, StringComparison.Ordinal);
        Assert.Contains("You: case handler", card, StringComparison.Ordinal);
        Assert.Contains("Kept while it is open, then six years after it ends", card, StringComparison.Ordinal);
        Assert.Contains("Kept while the account is active", card, StringComparison.Ordinal);
        Assert.Contains("[Read the full privacy notice](https://www.lshtm.ac.uk/privacy)", card, StringComparison.Ordinal);
        Assert.Contains("write to dpo@lshtm.ac.uk", card, StringComparison.Ordinal);
        Assert.Contains("\"speak\":\"My data: the bot holds 4 records that name you.", card, StringComparison.Ordinal);
    }

    private static Dictionary<string, List<string>> Roles(IEnumerable<PersonalRecord> records) =>
        records.ToDictionary(record => record.Kind, record => record.Roles.ToList());

    private Task<List<string>> AllRowsAsync() => AllRowsAsync(storage);

    private Task<List<string>> RowsContainingAsync(string text) => RowsContainingAsync(storage, text);

    /// <summary>Every row of every table with the test's prefix, as text (keys and values).</summary>
    internal static async Task<List<string>> AllRowsAsync(TableStorage storage)
    {
        var rows = new List<string>();
        foreach (var table in TableNames.All)
        {
            await foreach (var row in storage.GetTable(table).QueryAsync<TableEntity>())
            {
                rows.Add(table + ": " + JsonSerializer.Serialize(row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).ToDictionary(p => p.Key, p => p.Value?.ToString())));
            }
        }

        return rows;
    }

    /// <summary>The rows of every table with the test's prefix that hold <paramref name="text"/>, as typed or JSON-escaped.</summary>
    internal static async Task<List<string>> RowsContainingAsync(TableStorage storage, string text) =>
        [.. (await AllRowsAsync(storage)).Where(row => row.Contains(text, StringComparison.OrdinalIgnoreCase) || row.Contains(JsonSerializer.Serialize(text)[1..^1], StringComparison.OrdinalIgnoreCase))];
}
