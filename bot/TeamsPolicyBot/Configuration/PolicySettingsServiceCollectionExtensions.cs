namespace TeamsPolicyBot.Configuration;

public static class PolicySettingsServiceCollectionExtensions
{
    /// <summary>The policy's people and places and its retention schedule, bound from configuration and checked before the app takes traffic.</summary>
    public static IServiceCollection AddPolicySettings(this IServiceCollection services)
    {
        services.AddOptions<CommsOptions>().BindConfiguration(CommsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CommsChannels>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions>()
            .BindConfiguration(TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions.OldSection)
            .BindConfiguration(TeamsPolicyBot.Workflows.OfficialAccounts.AccountsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DataProtectionOptions>().BindConfiguration(DataProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TargetsOptions>().BindConfiguration(TargetsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BotSiteOptions>().BindConfiguration(BotSiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
