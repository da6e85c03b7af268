using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamsPolicyBot.Cards;

internal static class CardTemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CardTemplates"/> as a singleton, loaded here and now so that a broken or missing
    /// template stops the app from starting instead of failing the first user who needs it.
    /// </summary>
    /// Clause numbers link to the policy as the settings say (<see cref="Policy.PolicyLinks"/>), and every card gets the short
    /// privacy notice (<see cref="DataProtection.PrivacyNotice"/>), both added once the settings are read.
    public static IServiceCollection AddCardTemplates(this IServiceCollection services, string? directory = null)
    {
        var loaded = CardTemplates.Load(directory ?? CardTemplates.DefaultDirectory, DeclaredCardNames.All);
        services.AddOptions();
        services.TryAddSingleton<Policy.PolicyLinks>();
        services.TryAddSingleton<DataProtection.PrivacyNotice>();
        return services.AddSingleton(provider => loaded
            .WithPolicyLinks(provider.GetRequiredService<Policy.PolicyLinks>().Clause)
            .WithPrivacyNotice(provider.GetRequiredService<DataProtection.PrivacyNotice>().Data()));
    }
}
