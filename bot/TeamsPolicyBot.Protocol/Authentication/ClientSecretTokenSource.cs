using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Client-credentials tokens for the app registration and its secret, from the bot's own tenant (single-tenant bots
/// must not use the botframework.com tenant). One MSAL application serves every scope; its in-memory cache keeps each
/// token until shortly before it expires. Built on first use: a local run without an identity never asks for a token.
/// </summary>
internal sealed class ClientSecretTokenSource(IOptions<BotFrameworkOptions> options, IMsalHttpClientFactory? msalHttpClientFactory = null) : IAppTokenSource
{
    private readonly Lazy<IConfidentialClientApplication> application = new(() => Create(options.Value, msalHttpClientFactory));

    public async Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken)
    {
        var result = await application.Value.AcquireTokenForClient([scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    private static IConfidentialClientApplication Create(BotFrameworkOptions settings, IMsalHttpClientFactory? msalHttpClientFactory)
    {
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
