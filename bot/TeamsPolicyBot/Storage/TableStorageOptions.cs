using System.ComponentModel.DataAnnotations;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// Where the bot's tables live: a connection string (<c>ConnectionStrings:Tables</c>: Azurite, or an account with shared
/// keys), or an endpoint (<c>TableStorage:Endpoint</c>) reached as the bot's own identity, with no key at all.
/// </summary>
public sealed class TableStorageOptions
{
    public const string ConnectionStringKey = "ConnectionStrings:Tables";
    public const string SectionName = "TableStorage";

    /// <summary>An Azure Storage connection string (for local runs, Azurite's development account).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The account's table endpoint (<c>https://&lt;account&gt;.table.core.windows.net/</c>), used when no connection string
    /// is set: the bot signs in as its managed identity (role Storage Table Data Contributor).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Prepended to every table name. Lets several test runs or developers share one account
    /// without seeing each other's rows. Letters and digits only, starting with a letter.
    /// </summary>
    [RegularExpression("^([a-z][a-z0-9]{0,30})?$", ErrorMessage = "TableStorage:TablePrefix must be lowercase letters and digits, start with a letter, and be at most 31 characters.")]
    public string TablePrefix { get; set; } = "";

    /// <summary>How long start-up keeps trying to create the tables before giving up (a slow Azurite start is normal).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the health check waits for the service before it reports it unreachable.</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
