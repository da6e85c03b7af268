using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

public static class OfficialAccountsServiceCollectionExtensions
{
    /// <summary>
    /// The register of official accounts: its store, its commands ("accounts", "audits", "my accounts"), and the
    /// start-up indexing of handles added before the index existed. Its settings (<c>Register</c>) come with <c>AddPolicySettings</c>.
    /// </summary>
    public static IServiceCollection AddOfficialAccounts(this IServiceCollection services)
    {
        services.TryAddSingleton<IOfficialAccounts, OfficialAccountRepository>();
        services.TryAddSingleton<ConfiguredPeople>();
        services.TryAddSingleton<RegisterPages>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, AccountsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, AuditsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommand, MyAccountsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HandleIndexing>());
        return services;
    }
}
