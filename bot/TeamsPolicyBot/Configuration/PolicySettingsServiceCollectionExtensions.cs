namespace TeamsPolicyBot.Configuration;

public static class PolicySettingsServiceCollectionExtensions
{
    /// <summary>The policy's people and places and its retention schedule, bound from configuration and checked before the app takes traffic.</summary>
    public static IServiceCollection AddPolicySettings(this IServiceCollection services)
    {
        services.AddOptions<CommsOptions>().BindConfiguration(CommsOptions.Section).ValidateAnnotations<CommsOptions, CommsOptionsValidator>().ValidateOnStart();
        services.AddSingleton<CommsChannels>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateAnnotations<EscalationOptions, EscalationOptionsValidator>().ValidateOnStart();
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.Section).ValidateAnnotations<SupportOptions, SupportOptionsValidator>().ValidateOnStart();
        services.AddOptions<TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions>()
            .BindConfiguration(TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions.OldSection)
            .BindConfiguration(TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions.Section)
            .ValidateAnnotations<TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions, AccountsOptionsValidator>()
            .ValidateOnStart();
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section).ValidateAnnotations<DirectoryOptions, DirectoryOptionsValidator>().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateAnnotations<RetentionOptions, RetentionOptionsValidator>().ValidateOnStart();
        services.AddOptions<DataProtectionOptions>().BindConfiguration(DataProtectionOptions.Section).ValidateAnnotations<DataProtectionOptions, DataProtectionOptionsValidator>().ValidateOnStart();
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateAnnotations<PolicyOptions, PolicyOptionsValidator>().ValidateOnStart();
        services.AddOptions<TargetsOptions>().BindConfiguration(TargetsOptions.Section).ValidateAnnotations<TargetsOptions, TargetsOptionsValidator>().ValidateOnStart();
        services.AddOptions<BotSiteOptions>().BindConfiguration(BotSiteOptions.Section).ValidateAnnotations<BotSiteOptions, BotSiteOptionsValidator>().ValidateOnStart();
        return services;
    }
}
