using System.Net;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Connector;

namespace TeamsPolicyBot.Protocol.Hosting;

public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Inbound token validation and the tenant gate, the outbound token provider and the connector
    /// client, configured from the Bot Framework settings at the configuration root (and the
    /// <c>Bot</c> section) and checked at start-up.
    /// </summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddSingleton<TenantGate>();
        services.AddSingleton(TimeProvider.System);

        services.AddHttpClient(SigningKeyCache.HttpClientName).AddStandardResilienceHandler();
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<IInboundAuthenticator, BotFrameworkTokenValidator>();
        services.AddBotIdentity();
        services.AddSingleton<IConnectorTokenProvider, ConnectorTokenProvider>();

        services.AddHttpClient<IConnectorClient, ConnectorClient>()
            .AddResilienceHandler("connector", ConfigureConnectorResilience);
        return services;
    }

    /// <summary>
    /// The bot's identity as a token source (<see cref="IAppTokenSource"/>) and as an Azure <see cref="TokenCredential"/>,
    /// chosen by <c>MicrosoftAppType</c>. Needs <see cref="BotFrameworkOptions"/> bound.
    /// </summary>
    public static IServiceCollection AddBotIdentity(this IServiceCollection services)
    {
        services.TryAddSingleton<TokenCredential>(provider => BotCredential(provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value));
        services.TryAddSingleton<IAppTokenSource>(provider => provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.UsesManagedIdentity
            ? new ManagedIdentityTokenSource(provider.GetRequiredService<TokenCredential>())
            : ActivatorUtilities.CreateInstance<ClientSecretTokenSource>(provider));
        return services;
    }

    /// <summary>
    /// The credential for Azure resources the bot reaches as itself (Table Storage by endpoint, and through
    /// <see cref="IAppTokenSource"/> the Bot Connector and Graph): its user-assigned managed identity when it runs as one,
    /// else whatever the machine offers (DefaultAzureCredential: a developer's Azure CLI sign-in, workload identity ...).
    /// </summary>
    internal static TokenCredential BotCredential(BotFrameworkOptions options) => options.UsesManagedIdentity
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.MicrosoftAppId!))
        : new DefaultAzureCredential();

    /// <summary>
    /// Retry only what the connector documents as transient (429 honouring Retry-After, 502, 503, 504,
    /// timeouts). 403 roster and 404 conversation errors are permanent and return at once.
    /// </summary>
    internal static void ConfigureConnectorResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline
            .AddTimeout(TimeSpan.FromSeconds(60))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(TimeSpan.FromSeconds(15));
    }

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
