using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Storage.ConversationReferences;

namespace TeamsPolicyBot.Storage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Table Storage for the bot: the client from <c>ConnectionStrings:Tables</c> (checked at
    /// start), the tables created by a hosted initializer, the conversation-reference store and
    /// the <c>tables</c> health check.
    /// </summary>
    public static IServiceCollection AddTableStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TableStorageOptions>()
            .Bind(configuration.GetSection(TableStorageOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration[TableStorageOptions.ConnectionStringKey])
            .ValidateDataAnnotations()
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{TableStorageOptions.ConnectionStringKey} is not set. Set it to an Azure Storage connection string (for local runs, Azurite's: see docs).")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.ConnectionString) || IsParseable(o.ConnectionString),
                $"{TableStorageOptions.ConnectionStringKey} is not a valid Azure Storage connection string.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TableStorageOptions>>().Value;
            return new TableStorage(new TableServiceClient(options.ConnectionString, ClientOptions()), options.TablePrefix);
        });
        services.AddHostedService<TableStorageInitializer>();
        services.TryAddSingleton<IConversationReferences, ConversationReferenceRepository>();
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
