using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TeamsPolicyBot.Protocol.Authentication;

/// <summary>
/// Security by default: running without inbound authentication is allowed only on a developer's
/// machine (Development environment) with no app id at all. Anything else must be fully configured.
/// </summary>
internal sealed class BotFrameworkOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotFrameworkOptions>
{
    public ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        if (options.IsAuthenticationDisabled)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"MicrosoftAppId is empty. Inbound authentication can only be turned off in the Development environment (this is '{environment.EnvironmentName}'). Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId to the bot's app registration, or MicrosoftAppType=UserAssignedMSI with MicrosoftAppId the managed identity's client id and MicrosoftAppTenantId.");
        }

        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppType) && !options.UsesManagedIdentity &&
            !string.Equals(options.MicrosoftAppType, BotFrameworkOptions.SingleTenant, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType '{options.MicrosoftAppType}' is not supported: use {BotFrameworkOptions.SingleTenant} (an app registration with a client secret) or {BotFrameworkOptions.UserAssignedMsi} (a managed identity, no secret). New multi-tenant bot registrations are no longer allowed.");
        }
        else if (options.UsesManagedIdentity && !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add($"MicrosoftAppPassword must be empty when MicrosoftAppType is {BotFrameworkOptions.UserAssignedMsi}: the managed identity is the credential, so no secret is kept. Remove the setting.");
        }
        else if (!options.UsesManagedIdentity && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add($"MicrosoftAppPassword is required when MicrosoftAppId is set: the bot needs it to send messages (or set MicrosoftAppType to {BotFrameworkOptions.UserAssignedMsi} to run as a managed identity, without a secret).");
        }

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add("MicrosoftAppTenantId is required when MicrosoftAppId is set: bot registrations are single-tenant.");
        }
        else if (!Guid.TryParse(options.MicrosoftAppTenantId, out _))
        {
            failures.Add("MicrosoftAppTenantId must be the tenant id (a GUID), not a domain name: the tenant gate compares it with the tenant id Teams puts on every activity.");
        }

        if (!Uri.TryCreate(options.BotOpenIdMetadata, UriKind.Absolute, out _))
        {
            failures.Add("BotOpenIdMetadata must be an absolute URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
