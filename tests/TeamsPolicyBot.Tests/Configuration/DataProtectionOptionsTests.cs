using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.DataProtection;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class DataProtectionOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
    }

    [Fact]
    public void Without_settings_the_notice_names_the_data_protection_officer_and_links_nothing()
    {
        using var services = Services([]);
        var notice = new PrivacyNotice(services.GetRequiredService<IOptions<DataProtectionOptions>>(), services.GetRequiredService<IOptions<RetentionOptions>>());

        Assert.Contains("contact the university's data protection officer", notice.Contact, StringComparison.Ordinal);
        Assert.DoesNotContain("](", notice.Markdown, StringComparison.Ordinal);
        Assert.Contains("then for up to six years", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_the_notice_links_the_full_notice_gives_the_address_and_follows_the_longest_period()
    {
        using var services = Services(new()
        {
            ["DataProtection:PrivacyNoticeUrl"] = "https://www.lshtm.ac.uk/privacy",
            ["DataProtection:ContactEmail"] = "dpo@lshtm.ac.uk",
            ["Retention:Incidents"] = "3653.00:00:00",
        });
        var notice = new PrivacyNotice(services.GetRequiredService<IOptions<DataProtectionOptions>>(), services.GetRequiredService<IOptions<RetentionOptions>>());

        Assert.EndsWith("[Read the full privacy notice](https://www.lshtm.ac.uk/privacy).", notice.Markdown, StringComparison.Ordinal);
        Assert.Contains("write to dpo@lshtm.ac.uk", notice.Contact, StringComparison.Ordinal);
        Assert.Contains("then for up to ten years", notice.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DataProtection:PrivacyNoticeUrl", "http://www.lshtm.ac.uk/privacy")]
    [InlineData("DataProtection:PrivacyNoticeUrl", "privacy.html")]
    [InlineData("DataProtection:ContactEmail", "the DPO")]
    public void A_bad_setting_stops_the_start_naming_it(string key, string value)
    {
        using var services = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DataProtectionOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
