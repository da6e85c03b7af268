using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class AccountsOptionsTests
{
    private static AccountsOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
        return services.GetRequiredService<IOptions<AccountsOptions>>().Value;
    }

    [Fact]
    public void Audits_fall_due_thirty_days_ahead_and_a_card_lists_ten_unless_set()
    {
        Assert.Equal((TimeSpan.FromDays(30), 10), (Bind([]).AuditDueWithin, Bind([]).PageSize));
        Assert.Equal(TimeSpan.FromDays(14), Bind(new() { ["Accounts:AuditDueWithin"] = "14.00:00:00" }).AuditDueWithin);
    }

    [Fact]
    public void The_audit_comes_yearly_is_chased_after_two_weeks_and_escalated_after_four_unless_set()
    {
        var defaults = Bind([]);
        Assert.Equal((TimeSpan.FromDays(365), TimeSpan.FromDays(14), TimeSpan.FromDays(28)), (defaults.AuditInterval, defaults.AuditChaseAfter, defaults.AuditEscalateAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), Bind(new() { ["Accounts:AuditInterval"] = "00:00:30" }).AuditInterval);
    }

    [Fact]
    public void The_old_Register_keys_still_work_and_Accounts_wins_over_them()
    {
        Assert.Equal(5, Bind(new() { ["Register:PageSize"] = "5" }).PageSize);
        Assert.Equal(7, Bind(new() { ["Register:PageSize"] = "5", ["Accounts:PageSize"] = "7" }).PageSize);
    }

    [Theory]
    [InlineData("Accounts:AuditDueWithin", "400.00:00:00")]
    [InlineData("Accounts:AuditDueWithin", "-1.00:00:00")]
    [InlineData("Accounts:PageSize", "0")]
    [InlineData("Accounts:PageSize", "100")]
    [InlineData("Accounts:AuditInterval", "00:00:00")]
    [InlineData("Accounts:AuditChaseAfter", "-1.00:00:00")]
    [InlineData("Accounts:AuditEscalateAfter", "10.00:00:00")]
    public void A_setting_out_of_range_stops_the_start_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
