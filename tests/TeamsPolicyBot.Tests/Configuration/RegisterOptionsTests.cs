using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class RegisterOptionsTests
{
    private static RegisterOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
        return services.GetRequiredService<IOptions<RegisterOptions>>().Value;
    }

    [Fact]
    public void Audits_fall_due_thirty_days_ahead_and_a_card_lists_ten_unless_set()
    {
        Assert.Equal((TimeSpan.FromDays(30), 10), (Bind([]).AuditDueWithin, Bind([]).PageSize));
        Assert.Equal(TimeSpan.FromDays(14), Bind(new() { ["Register:AuditDueWithin"] = "14.00:00:00" }).AuditDueWithin);
    }

    [Theory]
    [InlineData("Register:AuditDueWithin", "400.00:00:00")]
    [InlineData("Register:AuditDueWithin", "-1.00:00:00")]
    [InlineData("Register:PageSize", "0")]
    [InlineData("Register:PageSize", "100")]
    public void A_setting_out_of_range_stops_the_start_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
