using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using TeamsPolicyBot.Protocol.Authentication;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API over an HttpClient. Retries within the call, if any, are the
/// HttpClient's resilience handler's (see <see cref="Hosting.BotProtocolServiceCollectionExtensions"/>);
/// what is left, and every permanent refusal, comes back as a <see cref="ConnectorStatus"/> so callers
/// can record it instead of looping. Nothing is thrown for a failed call: a token that cannot be had
/// or a connection that cannot be made is <see cref="ConnectorStatus.NotSent"/>, a request that got
/// no answer is <see cref="ConnectorStatus.NoAnswer"/>.
/// </summary>
internal sealed partial class ConnectorClient(HttpClient http, IConnectorTokenProvider tokens, ILogger<ConnectorClient> logger) : IConnectorClient
{
    public Task<ConnectorResult<ResourceResponse>> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ResourceResponse>(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ConversationResourceResponse>(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, cancellationToken);

    public Task<ConnectorResult<ResourceResponse>> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ResourceResponse>(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);

    public Task<ConnectorResult<TeamsChannelAccount>> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<TeamsChannelAccount>(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}", body: null, cancellationToken);

    public Task<ConnectorResult<PagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, string? continuationToken = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        var query = $"?pageSize={pageSize}" + (continuationToken is null ? string.Empty : $"&continuationToken={Escape(continuationToken)}");
        return SendJsonAsync<PagedMembersResult>(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/pagedmembers{query}", body: null, cancellationToken);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private async Task<ConnectorResult<T>> SendJsonAsync<T>(HttpMethod method, string serviceUrl, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(serviceUrl.TrimEnd('/') + "/"), path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: BotJson.Options);
        }

        string? token;
        try
        {
            token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            // Entra (MSAL) refused or could not be reached: nothing went to the connector, so the caller may retry.
            LogNoToken(logger, method.Method, ex.GetType().Name);
            return new ConnectorResult<T>(ConnectorStatus.NotSent, null);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var value = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, BotJson.Options);
                return new ConnectorResult<T>(ConnectorStatus.Succeeded, value, (int)response.StatusCode);
            }

            var failure = await ToFailureAsync<T>(response, cancellationToken).ConfigureAwait(false);
            LogFailure(logger, method.Method, failure.HttpStatusCode ?? 0, failure.ErrorCode, failure.Status);
            return failure;
        }
        catch (HttpRequestException ex) when (ConnectorTransport.NeverSent(ex))
        {
            LogUnreachable(logger, method.Method, ex.HttpRequestError.ToString());
            return new ConnectorResult<T>(ConnectorStatus.NotSent, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNoAnswer(logger, method.Method, ex.GetType().Name);
            return new ConnectorResult<T>(ConnectorStatus.NoAnswer, null);
        }
    }

    private static async Task<ConnectorResult<T>> ToFailureAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = await ReadErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode switch
        {
            (int)HttpStatusCode.Forbidden when code == "BotNotInConversationRoster" => ConnectorStatus.NotInRoster,
            (int)HttpStatusCode.NotFound when code is null or "ConversationNotFound" => ConnectorStatus.ConversationNotFound,
            (int)HttpStatusCode.TooManyRequests => ConnectorStatus.Throttled,
            (int)HttpStatusCode.BadGateway or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout => ConnectorStatus.TransientFailure,
            _ => ConnectorStatus.PermanentFailure,
        };
        return new ConnectorResult<T>(status, default, (int)response.StatusCode, code, RetryAfter(response));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    /// <summary>The connector's error body is <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} failed with {StatusCode} {ErrorCode}: {Outcome}")]
    private static partial void LogFailure(ILogger logger, string method, int statusCode, string? errorCode, ConnectorStatus outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} not sent: no token for the connector ({ErrorType})")]
    private static partial void LogNoToken(ILogger logger, string method, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} not sent: the connector is unreachable ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} sent but not answered ({ErrorType}): it may or may not have been received")]
    private static partial void LogNoAnswer(ILogger logger, string method, string errorType);
}
