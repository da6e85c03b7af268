using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();

        services.AddHttpClient<IConnectorClient, ConnectorClient>()
            .AddResilienceHandler("connector", ConfigureConnectorResilience);
        return services;
    }

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
