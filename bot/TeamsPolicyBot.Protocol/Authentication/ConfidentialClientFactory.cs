using Microsoft.Identity.Client;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>The bot's app registration as an MSAL client-credentials application, in the bot's own tenant.</summary>
public static class ConfidentialClientFactory
{
    /// <summary>
    /// An MSAL application for <see cref="BotFrameworkOptions.MicrosoftAppId"/> with its secret, whose
    /// authority is the bot's tenant (single-tenant bots must not use the botframework.com tenant).
    /// </summary>
    public static IConfidentialClientApplication CreateConfidentialClient(this BotFrameworkOptions settings, IMsalHttpClientFactory? msalHttpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = ConfidentialClientApplicationBuilder.Create(settings.MicrosoftAppId)
            .WithClientSecret(settings.MicrosoftAppPassword)
            .WithAuthority($"{settings.LoginAuthority.TrimEnd('/')}/{settings.MicrosoftAppTenantId}");
        if (msalHttpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(msalHttpClientFactory);
        }

        return builder.Build();
    }
}
