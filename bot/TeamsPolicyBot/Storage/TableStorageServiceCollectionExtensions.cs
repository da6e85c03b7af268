using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Table Storage for the bot: the client from <c>ConnectionStrings:Tables</c>, or from
    /// <c>TableStorage:Endpoint</c> with the bot's identity (the <see cref="TokenCredential"/> of <c>AddBotProtocol</c>),
    /// checked at start; the tables created by a hosted initializer and the <c>tables</c> health check.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TableStorageOptions>()
            .Bind(configuration.GetSection(TableStorageOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration[TableStorageOptions.ConnectionStringKey])
            .ValidateAnnotations<TableStorageOptions, TableStorageOptionsValidator>()
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.ConnectionString) || o.Endpoint is not null,
                $"Neither {TableStorageOptions.ConnectionStringKey} nor TableStorage:Endpoint is set. Set the table endpoint of the storage account (the bot signs in as its managed identity), or a connection string (for local runs, Azurite's: see the README).")
            .Validate(
                o => o.Endpoint is null || (o.Endpoint.IsAbsoluteUri && (o.Endpoint.Scheme == Uri.UriSchemeHttps || o.Endpoint.IsLoopback)),
                "TableStorage:Endpoint must be an absolute https URL, e.g. https://<account>.table.core.windows.net/ (tokens are never sent over plain http).")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.ConnectionString) || IsParseable(o.ConnectionString),
                $"{TableStorageOptions.ConnectionStringKey} is not a valid Azure Storage connection string.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TableStorageOptions>>().Value;
            var client = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new TableServiceClient(options.Endpoint, sp.GetRequiredService<TokenCredential>(), ClientOptions())
                : new TableServiceClient(options.ConnectionString, ClientOptions());
            return new TableStorage(client, options.TablePrefix);
        });
        services.AddHostedService<TableStorageInitializer>();
        services.AddHealthChecks().AddCheck<TableStorageHealthCheck>("tables");
        return services;
    }

    // The SDK's default (3 retries, 0.8 s doubling, 100 s network timeout) makes an outage look
    // like a hang; callers here (worker, turn handlers) have their own retry loops.
    internal static TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        return options;
    }

    private static bool IsParseable(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
