using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Protocol.Schema;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>The <c>Bot</c> settings section: which tenants besides the bot's own may talk to it.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>
    /// Tenant ids (GUIDs) whose activities are accepted besides <see cref="BotFrameworkOptions.MicrosoftAppTenantId"/>,
    /// e.g. a second tenant of the same institution. Empty: only the bot's own tenant.
    /// </summary>
    public IList<string> AllowedTenantIds { get; } = [];
}

/// <summary>
/// A single-tenant bot answers its own tenant only. The Bot Connector signs activities from any
/// tenant where someone installed the app, so a valid token is not enough: with inbound
/// authentication on, an activity is accepted only when every tenant id it names
/// (<c>channelData.tenant.id</c>, <c>conversation.tenantId</c>) is the bot's tenant or one of
/// <see cref="BotOptions.AllowedTenantIds"/>, and it names at least one. This is protocol-level
/// identity, like the token checks, so it runs at the HTTP edge before any handler (nothing is
/// stored or answered for a refused activity). With authentication off (Development) it lets everything in.
/// </summary>
public sealed class TenantGate(IOptions<BotFrameworkOptions> bot, IOptions<BotOptions> options)
{
    /// <summary>Null when the activity may proceed; otherwise why it is refused (for the log, without the activity's content).</summary>
    public string? Refusal(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (bot.Value.IsAuthenticationDisabled)
        {
            return null;
        }

        var named = TenantIds(activity).ToList();
        if (named.Count == 0)
        {
            return "the activity names no tenant";
        }

        return named.All(IsAllowed) ? null : "the activity comes from a tenant this bot does not serve";
    }

    private bool IsAllowed(string tenantId) =>
        SameTenant(tenantId, bot.Value.MicrosoftAppTenantId) || options.Value.AllowedTenantIds.Any(allowed => SameTenant(tenantId, allowed));

    private static bool SameTenant(string a, string? b) =>
        b is not null && Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) && x == y;

    /// <summary>Every tenant id the activity names; a present but unreadable one counts, as an empty string, so it is refused.</summary>
    private static IEnumerable<string> TenantIds(Activity activity)
    {
        if (activity.Conversation?.TenantId is { } conversationTenant)
        {
            yield return conversationTenant;
        }

        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } channelData && channelData.TryGetProperty("tenant", out var tenant))
        {
            yield return tenant.ValueKind == JsonValueKind.Object && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()!
                : string.Empty;
        }
    }
}

/// <summary>Every allowed tenant must be a tenant id (a GUID).</summary>
internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedTenantIds.Count; i++)
        {
            if (!Guid.TryParse(options.AllowedTenantIds[i], out _))
            {
                failures.Add($"{BotOptions.SectionName}:AllowedTenantIds:{i} must be a tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
