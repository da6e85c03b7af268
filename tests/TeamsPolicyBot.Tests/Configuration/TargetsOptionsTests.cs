using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class TargetsOptionsTests
{
    private static TargetsOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
        return services.GetRequiredService<IOptions<TargetsOptions>>().Value;
    }

    [Fact]
    public void Requests_are_decided_within_ten_days_and_incidents_and_referrals_taken_within_a_day_unless_set()
    {
        var defaults = Bind([]);
        Assert.Equal((TimeSpan.FromDays(10), TimeSpan.FromDays(1), TimeSpan.FromDays(1)), (defaults.DecideAccountRequestWithin, defaults.TakeIncidentWithin, defaults.TakeSupportReferralWithin));
        Assert.Equal(TimeSpan.FromHours(4), Bind(new() { ["Targets:TakeIncidentWithin"] = "04:00:00" }).TakeIncidentWithin);
    }

    [Fact]
    public void An_account_without_a_second_administrator_gets_a_new_one_within_two_weeks_unless_set()
    {
        Assert.Equal(TimeSpan.FromDays(14), Bind([]).ReplaceAdministratorWithin);
        Assert.Equal(TimeSpan.FromDays(7), Bind(new() { ["Targets:ReplaceAdministratorWithin"] = "7.00:00:00" }).ReplaceAdministratorWithin);
    }

    [Theory]
    [InlineData("Targets:DecideAccountRequestWithin", "00:00:00")]
    [InlineData("Targets:DecideAccountRequestWithin", "400.00:00:00")]
    [InlineData("Targets:TakeIncidentWithin", "-1.00:00:00")]
    [InlineData("Targets:TakeSupportReferralWithin", "00:00:10")]
    [InlineData("Targets:ReplaceAdministratorWithin", "91.00:00:00")]
    public void A_target_out_of_range_stops_the_start_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
