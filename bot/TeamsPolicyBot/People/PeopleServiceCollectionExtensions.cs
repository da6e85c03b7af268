using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;
using TeamsPolicyBot.Protocol.Authentication;
using GraphServiceClient = Microsoft.Graph.GraphServiceClient;

namespace TeamsPolicyBot.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>
    /// The line-manager lookup: Microsoft Graph when <c>Graph:Enabled</c> is true (then
    /// <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c> and <c>MicrosoftAppTenantId</c> are checked at
    /// start), otherwise <c>Directory:Managers</c>, naming managers through <see cref="IPersonNames"/>.
    /// Needs <c>AddBotProtocol</c> (the bot's identity), <c>AddPolicySettings</c> (<c>Directory:Managers</c>)
    /// and, without Graph, <c>AddOutbox</c> (names from the Comms team roster).
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphOptions>()
            .BindConfiguration(GraphOptions.Section)
            .ValidateDataAnnotations()
            .Validate<IOptions<BotFrameworkOptions>>(
                (graph, bot) => !graph.Enabled || HasClientCredentials(bot.Value),
                "Graph:Enabled is true, so MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId are required: line managers are read from Microsoft Graph as the bot's app registration (application permission User.Read.All).")
            .ValidateOnStart();

        if (!configuration.GetValue<bool>($"{GraphOptions.Section}:{nameof(GraphOptions.Enabled)}"))
        {
            services.TryAddSingleton<IManagerDirectory, StaticManagerDirectory>();
            return services;
        }

        services.TryAddSingleton<MsalGraphTokenProvider>();
        services.TryAddSingleton(provider => new GraphServiceClient(
            new BaseBearerTokenAuthenticationProvider(provider.GetRequiredService<MsalGraphTokenProvider>()),
            provider.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl));
        services.TryAddSingleton<IManagerDirectory, GraphManagerDirectory>();
        return services;
    }

    private static bool HasClientCredentials(BotFrameworkOptions bot) =>
        !string.IsNullOrWhiteSpace(bot.MicrosoftAppId)
        && !string.IsNullOrWhiteSpace(bot.MicrosoftAppPassword)
        && !string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId);
}
