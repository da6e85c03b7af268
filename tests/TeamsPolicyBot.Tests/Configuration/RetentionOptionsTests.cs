using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class RetentionOptionsTests
{
    private static RetentionOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
        return services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }

    [Fact]
    public void The_schedule_is_six_years_for_cases_two_for_refused_requests_thirty_days_for_deliveries_unless_set()
    {
        var defaults = Bind([]);
        Assert.Equal(TimeSpan.FromDays(2192), defaults.SupportReferrals);
        Assert.Equal(TimeSpan.FromDays(2192), defaults.Incidents);
        Assert.Equal(TimeSpan.FromDays(731), defaults.AccountRequests);
        Assert.Equal(TimeSpan.FromDays(2192), defaults.ClosedAccounts);
        Assert.Equal(TimeSpan.FromDays(30), defaults.DeliveryRecords);
        Assert.Equal(TimeSpan.FromDays(1), defaults.SweepInterval);
        Assert.Equal(TimeSpan.FromDays(2192), defaults.Longest);

        var set = Bind(new() { ["Retention:Incidents"] = "3000.00:00:00", ["Retention:SweepInterval"] = "06:00:00" });
        Assert.Equal(TimeSpan.FromDays(3000), set.Incidents);
        Assert.Equal(TimeSpan.FromDays(3000), set.Longest);
        Assert.Equal(TimeSpan.FromHours(6), set.SweepInterval);
    }

    [Theory]
    [InlineData("Retention:SupportReferrals", "00:00:00")]
    [InlineData("Retention:Incidents", "-2192.00:00:00")]
    [InlineData("Retention:AccountRequests", "00:00:00")]
    [InlineData("Retention:ClosedAccounts", "-1.00:00:00")]
    [InlineData("Retention:DeliveryRecords", "00:00:00")]
    [InlineData("Retention:SweepInterval", "00:00:10")]
    public void A_period_that_is_not_positive_stops_the_start_naming_the_setting(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
