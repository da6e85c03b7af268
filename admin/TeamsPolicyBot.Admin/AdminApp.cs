using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.Retention;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Admin;

/// <summary>
/// The data protection officer's tool (policy 5.4, UK GDPR articles 15 and 17): <c>export</c>, <c>erase</c> and
/// <c>retention --dry-run</c>, on the bot's own storage through the bot's own registrations and settings
/// (appsettings.json, appsettings.{environment}.json, environment variables, then <c>--connection-string</c>). It prints
/// references, kinds, roles, statuses and dates, never what anyone typed, unless <c>--include-content</c>.
/// </summary>
public static class AdminApp
{
    /// <summary>Exit codes: 0 done, 1 bad input (which option, what is wrong), 2 settings wrong, 3 storage not the bot's, 4 storage unreachable.</summary>
    public const int Done = 0, BadInput = 1, BadSettings = 2, UnknownStorage = 3, Unreachable = 4;

    /// <param name="settings">Settings over all others (tests: the Azurite account and a table prefix).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var connectionString = new Option<string?>("--connection-string") { Description = "The storage account's connection string (else ConnectionStrings:Tables, or TableStorage:Endpoint with your Azure sign-in or the managed identity).", Recursive = true };
        var includeContent = new Option<bool>("--include-content") { Description = "Also print what people typed (export: the whole document). Off by default: the console may be logged or shared.", Recursive = true };
        var person = new Option<string>("--person") { Description = "The person's Entra object id, or an email address a record stores beside their object id.", Required = true };
        var outFile = new Option<FileInfo?>("--out") { Description = "Where export writes its JSON (default: personal-data-<object id>.json here)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change and change nothing." };

        var export = new Command("export", "Write one JSON file with every record naming the person, in any role, with its whole audit trail.") { person, outFile };
        var erase = new Command("erase", "Take the person out of every record (kept with a pseudonym where the schedule keeps it) and delete how to reach them.") { person, dryRun };
        var retention = new Command("retention", "Show what the next retention sweep would delete: counts per kind and references.") { dryRun };
        var root = new RootCommand("Social Media Desk: the data protection officer's tool.") { export, erase, retention };
        root.Options.Add(connectionString);
        root.Options.Add(includeContent);

        export.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(connectionString), settings, error, async (services, ct2) =>
        {
            if (await ResolveAsync(services, parse.GetValue(person)!, error, ct2) is not { } objectId)
            {
                return BadInput;
            }

            var document = await services.GetRequiredService<PersonalData>().ExportAsync(objectId, ct2);
            var file = parse.GetValue(outFile) ?? new FileInfo($"personal-data-{objectId}.json");
            var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            await File.WriteAllTextAsync(file.FullName, json, ct2);
            var records = document["records"]!.AsArray();
            await output.WriteLineAsync($"Wrote {records.Count} record(s) naming {objectId} to {file.FullName}.");
            foreach (var record in records)
            {
                await output.WriteLineAsync($"  {record!["reference"]}  {record["kind"]}  as {string.Join(", ", record["roles"]!.AsArray().Select(role => role!.GetValue<string>()))}  ({record["status"]}; {record["kept"]})");
            }

            if (parse.GetValue(includeContent))
            {
                await output.WriteLineAsync(json);
            }

            return Done;
        }, ct));

        erase.SetAction((parse, ct) => WithServicesAsync(parse.GetValue(connectionString), settings, error, async (services, ct2) =>
        {
            var given = parse.GetValue(person)!;
            if (await ResolveAsync(services, given, error, ct2) is not { } objectId)
            {
                return BadInput;
            }

            var identity = new PersonIdentity(objectId);
            identity.Add(given.Contains('@', StringComparison.Ordinal) ? given : null);
            var preview = parse.GetValue(dryRun);
            var report = await services.GetRequiredService<PersonalData>().EraseAsync(identity, preview, ct2);
            await output.WriteLineAsync(preview
                ? $"Dry run: nothing was changed. Erasing {objectId} would keep {report.Kept.Count} record(s) with a pseudonym:"
                : $"Erased {objectId}: now {report.Pseudonym} in the {report.Kept.Count} record(s) kept:");
            foreach (var kept in report.Kept)
            {
                await output.WriteLineAsync($"  {kept.Reference}  {kept.Kind}  as {string.Join(", ", kept.Roles)}: {kept.Why}");
            }

            await output.WriteLineAsync(preview
                ? $"It would delete {report.RowsDeleted} row(s) of conversation references and My requests, and rewrite {report.RowsRewritten} queued message or reminder row(s)."
                : $"Deleted {report.RowsDeleted} row(s) of conversation references and My requests; rewrote {report.RowsRewritten} queued message or reminder row(s).");
            return Done;
        }, ct));

        retention.SetAction((parse, ct) =>
        {
            if (!parse.GetValue(dryRun))
            {
                error.WriteLine("retention only shows what the bot's own sweep will delete: add --dry-run. The bot deletes on its schedule (Retention:SweepInterval).");
                return Task.FromResult(BadInput);
            }

            return WithServicesAsync(parse.GetValue(connectionString), settings, error, async (services, ct2) =>
            {
                var schedule = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                await output.WriteLineAsync($"Dry run: nothing was changed. A sweep now would delete:");
                foreach (var participant in services.GetServices<IRetentionParticipant>())
                {
                    var references = new List<string>();
                    await foreach (var ended in participant.EndedBeforeAsync(now - participant.PeriodOf(schedule), ct2))
                    {
                        references.Add(ended.Reference);
                    }

                    await output.WriteLineAsync($"  {participant.Kind}: {references.Count}{(references.Count > 0 ? "  " + string.Join(", ", references) : "")}");
                }

                await output.WriteLineAsync($"and finished outbox entries and reminders older than {Period.Words(schedule.DeliveryRecords)}, and the conversation references of people no record names who have not used the bot for {Period.Words(schedule.Longest)} (not counted here).");
                return Done;
            }, ct);
        });

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>The person's object id, or null after saying what is wrong with <paramref name="given"/>.</summary>
    private static async Task<string?> ResolveAsync(IServiceProvider services, string given, TextWriter error, CancellationToken cancellationToken)
    {
        given = given.Trim();
        if (given.Contains('@', StringComparison.Ordinal))
        {
            var found = await services.GetRequiredService<PersonalData>().ResolveAsync(given, cancellationToken);
            if (found is null)
            {
                await error.WriteLineAsync($"--person: no record stores an object id beside {given}. Give the person's Entra object id (Entra admin centre, Users, the person, Object ID).");
            }

            return found;
        }

        if (!Guid.TryParse(given, out var id))
        {
            await error.WriteLineAsync($"--person must be an Entra object id (a GUID such as 3f0b9c2e-1111-4a6b-9c1d-000000000001) or an email address; \"{given}\" is neither.");
            return null;
        }

        return id.ToString("D", CultureInfo.InvariantCulture);
    }

    /// <summary>Builds the bot's services on its settings, checks the storage is the bot's, then runs <paramref name="work"/>.</summary>
    private static async Task<int> WithServicesAsync(string? connectionString, IReadOnlyDictionary<string, string?>? settings, TextWriter error, Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var configuration = Configuration(connectionString, settings);
        await using var services = Services(configuration);
        TableStorage storage;
        try
        {
            storage = services.GetRequiredService<TableStorage>();
            _ = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"The settings are not right: {string.Join(" ", ex.Failures)}");
            return BadSettings;
        }

        IReadOnlyList<string> missing;
        try
        {
            missing = await MissingTablesAsync(storage, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException { InnerException: RequestFailedException })
        {
            await error.WriteLineAsync($"The storage cannot be reached ({(ex.InnerException ?? ex).Message.Split('\n')[0]}). Check ConnectionStrings:Tables (or --connection-string, or TableStorage:Endpoint). Nothing was read or changed.");
            return Unreachable;
        }

        if (missing.Count > 0)
        {
            var prefix = configuration["TableStorage:TablePrefix"] ?? "";
            await error.WriteLineAsync(
                $"This storage does not hold the bot's tables (prefix \"{prefix}\"): {string.Join(", ", missing.Select(storage.TableName))} {(missing.Count == 1 ? "is" : "are")} missing. "
                + "Check ConnectionStrings:Tables (or --connection-string, or TableStorage:Endpoint) and TableStorage:TablePrefix. Nothing was read or changed.");
            return UnknownStorage;
        }

        return await work(services, cancellationToken);
    }

    /// <summary>The bot's tables this storage lacks: the tool never creates one, and refuses a storage that is not the bot's.</summary>
    private static async Task<IReadOnlyList<string>> MissingTablesAsync(TableStorage storage, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var name in TableNames.All)
        {
            var found = false;
            await foreach (var _ in storage.Service.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {storage.TableName(name)}"), cancellationToken: cancellationToken))
            {
                found = true;
            }

            if (!found)
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    private static IConfiguration Configuration(string? connectionString, IReadOnlyDictionary<string, string?>? settings)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            builder.AddInMemoryCollection([KeyValuePair.Create<string, string?>(TableStorageOptions.ConnectionStringKey, connectionString)]);
        }

        return builder.Build();
    }

    /// <summary>The bot's own registrations for storage, settings and record kinds; no hosted service is ever started.</summary>
    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddTableStorage(configuration);

        // With TableStorage:Endpoint: the managed identity where the tool runs in Azure, else the officer's Azure sign-in.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddPolicySettings();
        services.AddReminders();
        services.AddAccountRequests();
        services.AddIncidents();
        services.AddHarassmentSupport();
        services.AddPersonalData();
        return services.BuildServiceProvider();
    }
}
