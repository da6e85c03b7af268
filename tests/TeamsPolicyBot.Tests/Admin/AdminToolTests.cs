using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TeamsPolicyBot.Admin;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Tests.DataProtection;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Tests.Workflows.AccountRequests;

namespace TeamsPolicyBot.Tests.Admin;

/// <summary>
/// The data protection officer's tool, run in-process as from the command line against Azurite, on the records
/// <see cref="PersonalDataTests.SeedAsync"/> seeds (one of every kind, the same people in several roles).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class AdminToolTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("admin-tool-").FullName;
    private TableStorage storage = null!;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private async Task SeedAsync()
    {
        storage = await azurite.CreateTablesAsync();
        await PersonalDataTests.SeedAsync(storage, new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero)));
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string prefix, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["TableStorage:TablePrefix"] = prefix,
            ["Retention:Incidents"] = "1.00:00:00",
        };
        var code = await AdminApp.RunAsync([.. args, "--connection-string", azurite.ConnectionString], output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_writes_every_record_naming_the_person_in_any_role_and_prints_no_typed_text()
    {
        await SeedAsync();
        var file = Path.Combine(directory, "sam.json");

        var (code, output, error) = await RunAsync(storage.TableName(""), "export", "--person", PersonalDataTests.Sam.AadObjectId, "--out", file);

        Assert.True(code == AdminApp.Done, error);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var records = document["records"]!.AsArray();
        Assert.Equal(["AccountRequests", "ClosedAccounts", "Incidents", "SupportReferrals"], records.Select(record => record!["content"]!["kind"]!.GetValue<string>()));
        Assert.Contains("Sam Carter asked about the first posts", document["records"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("case handler", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Referred to HR.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("first posts", output, StringComparison.Ordinal);

        var (_, withContent, _) = await RunAsync(storage.TableName(""), "export", "--person", PersonalDataTests.Sam.AadObjectId, "--out", file, "--include-content");
        Assert.Contains("Referred to HR.", withContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_by_email_finds_the_requester_as_requester_and_administrator()
    {
        await SeedAsync();
        var file = Path.Combine(directory, "ada.json");

        var (code, output, error) = await RunAsync(storage.TableName(""), "export", "--person", "ada.lovelace@lshtm.ac.uk", "--out", file);

        Assert.True(code == AdminApp.Done, error);
        Assert.Contains(AccountRequestSamples.RequesterId, output, StringComparison.Ordinal);
        Assert.Contains("requester and first administrator", output, StringComparison.Ordinal);
        Assert.Contains("administrator", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_leaves_nothing_identifying_in_any_table_and_prints_what_it_kept_and_why()
    {
        await SeedAsync();
        var priya = PersonalDataTests.Priya;

        var (code, output, error) = await RunAsync(storage.TableName(""), "erase", "--person", priya.AadObjectId);

        Assert.True(code == AdminApp.Done, error);
        foreach (var identifier in (string[])[priya.AadObjectId, priya.Name, .. priya.Name.Split(' ')])
        {
            var left = await PersonalDataTests.RowsContainingAsync(storage, identifier);
            Assert.True(left.Count == 0, $"'{identifier}' is still stored: {string.Join(Environment.NewLine, left)}");
        }

        Assert.Contains("as reporter: Incident report: the university must keep it", output, StringComparison.Ordinal);
        Assert.Contains("as person supported: Harassment support", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Update 1 from me", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_runs_change_nothing()
    {
        await SeedAsync();
        var before = await PersonalDataTests.AllRowsAsync(storage);

        var erase = await RunAsync(storage.TableName(""), "erase", "--person", PersonalDataTests.Priya.AadObjectId, "--dry-run");
        var retention = await RunAsync(storage.TableName(""), "retention", "--dry-run");

        Assert.True(erase.Code == AdminApp.Done, erase.Error);
        Assert.Contains("Dry run: nothing was changed.", erase.Output, StringComparison.Ordinal);
        Assert.True(retention.Code == AdminApp.Done, retention.Error);
        Assert.Matches(@"Incidents: 1  INC-\d{4}-\d{4}", retention.Output);
        Assert.Contains("SupportReferrals: 0", retention.Output, StringComparison.Ordinal);
        Assert.Equal(before, await PersonalDataTests.AllRowsAsync(storage));
    }

    [Fact]
    public async Task Storage_without_the_bots_tables_is_refused_and_nothing_is_created()
    {
        var prefix = AzuriteFixture.NewTablePrefix();

        var (code, _, error) = await RunAsync(prefix, "erase", "--person", PersonalDataTests.Priya.AadObjectId);

        Assert.Equal(AdminApp.UnknownStorage, code);
        Assert.Contains($"{prefix}accountrequests", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was read or changed.", error, StringComparison.Ordinal);
        var empty = new TableStorage(storage?.Service ?? new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString), prefix);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => empty.GetTable(TableNames.Incidents).GetAccessPoliciesAsync());
    }

    [Theory]
    [InlineData("not-an-id", "--person must be an Entra object id")]
    [InlineData("nobody@lshtm.ac.uk", "no record stores an object id beside nobody@lshtm.ac.uk")]
    public async Task A_person_that_is_neither_an_id_nor_a_known_email_is_refused_saying_why(string person, string message)
    {
        await SeedAsync();

        var (code, _, error) = await RunAsync(storage.TableName(""), "export", "--person", person, "--out", Path.Combine(directory, "x.json"));

        Assert.Equal(AdminApp.BadInput, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_without_dry_run_is_refused()
    {
        await SeedAsync();

        var (code, _, error) = await RunAsync(storage.TableName(""), "retention");

        Assert.Equal(AdminApp.BadInput, code);
        Assert.Contains("add --dry-run", error, StringComparison.Ordinal);
    }
}
