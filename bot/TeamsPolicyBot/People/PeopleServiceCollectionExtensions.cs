using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Protocol.Authentication;
using GraphServiceClient = Microsoft.Graph.GraphServiceClient;

namespace TeamsPolicyBot.People;

public static class PeopleServiceCollectionExtensions
{
    /// <summary>
    /// The line-manager lookup, and with Graph the staff directory (who has left, <see cref="IStaffDirectory"/>): Microsoft Graph when <c>Graph:Enabled</c> is true (then the bot's identity,
    /// <c>MicrosoftAppId</c> and <c>MicrosoftAppTenantId</c> with <c>MicrosoftAppPassword</c> or a managed identity,
    /// is checked at start), otherwise <c>Directory:Managers</c>, naming managers through <see cref="IPersonNames"/>.
    /// Needs <c>AddBotProtocol</c> (the bot's identity), <c>AddPolicySettings</c> (<c>Directory:Managers</c>)
    /// and, without Graph, <c>AddOutbox</c> (names from the Comms team roster).
    /// </summary>
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphOptions>()
            .BindConfiguration(GraphOptions.Section)
            .ValidateAnnotations<GraphOptions, GraphOptionsValidator>()
            .Validate<IOptions<BotFrameworkOptions>>(
                (graph, bot) => !graph.Enabled || HasAppIdentity(bot.Value),
                "Graph:Enabled is true, so MicrosoftAppId and MicrosoftAppTenantId are required, with MicrosoftAppPassword or MicrosoftAppType=UserAssignedMSI: line managers are read from Microsoft Graph as the bot's own identity (application permission User.Read.All).")
            .ValidateOnStart();

        if (!configuration.GetValue<bool>($"{GraphOptions.Section}:{nameof(GraphOptions.Enabled)}"))
        {
            services.TryAddSingleton<IManagerDirectory, StaticManagerDirectory>();
            return services;
        }

        return AddGraphDirectory(services);
    }

    // Apart so that the Graph SDK (its largest dependency: about 6 MB of code mapped and JIT work at start) is loaded
    // only when Graph is enabled: compiling this method is what loads it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IServiceCollection AddGraphDirectory(IServiceCollection services)
    {
        services.TryAddSingleton<GraphTokenProvider>();
        services.TryAddSingleton(provider => new GraphServiceClient(
            new BaseBearerTokenAuthenticationProvider(provider.GetRequiredService<GraphTokenProvider>()),
            provider.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl));
        services.TryAddSingleton<IManagerDirectory, GraphManagerDirectory>();
        services.TryAddSingleton<IStaffDirectory, GraphStaffDirectory>();
        return services;
    }

    private static bool HasAppIdentity(BotFrameworkOptions bot) =>
        !string.IsNullOrWhiteSpace(bot.MicrosoftAppId)
        && (bot.UsesManagedIdentity || !string.IsNullOrWhiteSpace(bot.MicrosoftAppPassword))
        && !string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId);
}
