using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>A connector signing key and the channels it is endorsed for.</summary>
internal sealed record EndorsedKey(SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The connector's signing keys, read from the OpenID metadata document and its <c>jwks_uri</c>.
/// Kept for a day; fetched again early when a token names a key we have not seen (key rollover),
/// but at most once per <see cref="UnknownKeyRefreshInterval"/> so forged key ids cannot make us
/// hammer the metadata endpoint. A fetch that fails for any reason but cancellation is a
/// <see cref="SigningKeysUnavailableException"/>: the keys are unknown, not the token bad.
/// </summary>
internal sealed partial class SigningKeyCache(
    IHttpClientFactory httpClientFactory,
    IOptions<BotFrameworkOptions> options,
    TimeProvider time,
    ILogger<SigningKeyCache> logger) : IDisposable
{
    public const string HttpClientName = "BotFramework.OpenIdMetadata";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile KeySet? current;

    private sealed record KeySet(IReadOnlyDictionary<string, EndorsedKey> Keys, DateTimeOffset FetchedAt);

    /// <summary>The key with this id, refreshing the set when it is stale or the id is unknown; null when no such key exists.</summary>
    public async Task<EndorsedKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = current;
        if (keys is null || IsOlderThan(keys, MaxAge))
        {
            keys = await RefreshAsync(keys, cancellationToken).ConfigureAwait(false);
        }

        if (keys.Keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        if (IsOlderThan(keys, UnknownKeyRefreshInterval))
        {
            keys = await RefreshAsync(keys, cancellationToken).ConfigureAwait(false);
            return keys.Keys.GetValueOrDefault(keyId);
        }

        return null;
    }

    private bool IsOlderThan(KeySet keys, TimeSpan age) => time.GetUtcNow() - keys.FetchedAt >= age;

    private async Task<KeySet> RefreshAsync(KeySet? seen, CancellationToken cancellationToken)
    {
        await refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while we waited.
            if (!ReferenceEquals(current, seen) && current is not null)
            {
                return current;
            }

            KeySet fetched;
            try
            {
                fetched = new KeySet(await FetchAsync(cancellationToken).ConfigureAwait(false), time.GetUtcNow());
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                LogKeysUnavailable(logger, ex.GetType().Name);
                throw new SigningKeysUnavailableException("The connector's signing keys could not be fetched.", ex);
            }

            current = fetched;
            LogKeysRefreshed(logger, fetched.Keys.Count);
            return fetched;
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, EndorsedKey>> FetchAsync(CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var metadata = await GetJsonAsync(http, new Uri(options.Value.BotOpenIdMetadata), cancellationToken).ConfigureAwait(false);
        var jwksUri = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) ? uri.GetString() : null;
        if (!Uri.TryCreate(jwksUri, UriKind.Absolute, out var jwks))
        {
            throw new InvalidOperationException("The OpenID metadata document has no valid jwks_uri.");
        }

        using var keySet = await GetJsonAsync(http, jwks, cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<string, EndorsedKey>(StringComparer.Ordinal);
        if (!keySet.RootElement.TryGetProperty("keys", out var keyArray) || keyArray.ValueKind != JsonValueKind.Array)
        {
            return keys;
        }

        foreach (var element in keyArray.EnumerateArray())
        {
            var jwk = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(jwk.Kid))
            {
                continue;
            }

            keys[jwk.Kid] = new EndorsedKey(jwk, ReadEndorsements(element));
        }

        return keys;
    }

    private static HashSet<string> ReadEndorsements(JsonElement key)
    {
        var endorsements = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } channel)
                {
                    endorsements.Add(channel);
                }
            }
        }

        return endorsements;
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => refreshLock.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the connector signing keys: {ErrorType}")]
    private static partial void LogKeysUnavailable(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {KeyCount} connector signing keys")]
    private static partial void LogKeysRefreshed(ILogger logger, int keyCount);
}
