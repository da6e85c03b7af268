using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Delivery.Outbox;
using TeamsPolicyBot.Delivery.Reminders;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;
using TeamsPolicyBot.Workflows.OfficialAccounts;
using TeamsPolicyBot.Workspace;

namespace TeamsPolicyBot.Configuration;

/// <summary>
/// Settings are checked against their data annotations (and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>)
/// by validators the options source generator writes at build time, not by reflection at start-up: the same rules and
/// messages as <c>ValidateDataAnnotations()</c>, without the reflection that made up a tenth of the bot's cold start (issue 14).
/// </summary>
internal static class GeneratedOptionsValidation
{
    /// <summary>Validates <typeparamref name="TOptions"/> with its generated <typeparamref name="TValidator"/>.</summary>
    public static OptionsBuilder<TOptions> ValidateAnnotations<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder;
    }
}

[OptionsValidator]
internal sealed partial class BotSiteOptionsValidator : IValidateOptions<BotSiteOptions>;

[OptionsValidator]
internal sealed partial class CommsOptionsValidator : IValidateOptions<CommsOptions>;

[OptionsValidator]
internal sealed partial class DataProtectionOptionsValidator : IValidateOptions<DataProtectionOptions>;

[OptionsValidator]
internal sealed partial class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>;

[OptionsValidator]
internal sealed partial class EscalationOptionsValidator : IValidateOptions<EscalationOptions>;

[OptionsValidator]
internal sealed partial class IncidentOptionsValidator : IValidateOptions<IncidentOptions>;

[OptionsValidator]
internal sealed partial class PolicyOptionsValidator : IValidateOptions<PolicyOptions>;

[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;

[OptionsValidator]
internal sealed partial class SupportOptionsValidator : IValidateOptions<SupportOptions>;

[OptionsValidator]
internal sealed partial class SupportResourcesOptionsValidator : IValidateOptions<SupportResourcesOptions>;

[OptionsValidator]
internal sealed partial class TargetsOptionsValidator : IValidateOptions<TargetsOptions>;

[OptionsValidator]
internal sealed partial class WorkspaceOptionsValidator : IValidateOptions<WorkspaceOptions>;

[OptionsValidator]
internal sealed partial class TableStorageOptionsValidator : IValidateOptions<TableStorageOptions>;

[OptionsValidator]
internal sealed partial class GraphOptionsValidator : IValidateOptions<GraphOptions>;

[OptionsValidator]
internal sealed partial class AccountsOptionsValidator : IValidateOptions<AccountsOptions>;

[OptionsValidator]
internal sealed partial class ReminderOptionsValidator : IValidateOptions<ReminderOptions>;

[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;
