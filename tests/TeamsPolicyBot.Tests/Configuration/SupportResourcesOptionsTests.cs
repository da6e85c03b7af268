using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Workflows.HarassmentSupport;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class SupportResourcesOptionsTests
{
    private static SupportResourcesOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<SupportResourcesOptions>().BindConfiguration(SupportResourcesOptions.Section)
            .ValidateAnnotations<SupportResourcesOptions, SupportResourcesOptionsValidator>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SupportResourcesOptions>>().Value;
    }

    [Fact]
    public void Unset_the_emergency_number_is_999_and_the_reply_expectation_gives_it()
    {
        var options = Bind([]);

        Assert.Equal("999", options.EmergencyNumber);
        Assert.Equal("A case handler usually replies within one working day. Out of hours, use the support below or, if you are in danger, call 999.", options.ReplyExpectationText);
        Assert.Null(options.ContactEmail);
        Assert.Null(options.DignityPolicyUrl);
    }

    [Fact]
    public void A_configured_emergency_number_reaches_the_reply_expectation_and_the_default_police_entry()
    {
        var options = Bind(new() { ["Support:EmergencyNumber"] = "112", ["Support:ReplyExpectation"] = "We reply within a day. In danger? Call {EmergencyNumber}." });

        Assert.Equal("We reply within a day. In danger? Call 112.", options.ReplyExpectationText);
        var police = options.Effective[0];
        Assert.Equal("Police: 112", police.Name);
        Assert.StartsWith("Call 112.", police.Contact, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Support:EmergencyNumber", " ")]
    [InlineData("Support:ReplyExpectation", "")]
    [InlineData("Support:ContactEmail", "the comms team")]
    [InlineData("Support:DignityPolicyUrl", "http://www.example.ac.uk/dignity")]
    [InlineData("Support:DignityPolicyUrl", "/policies/dignity")]
    public void A_bad_setting_stops_the_start_naming_it(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_support_entry_without_a_name_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Support:Resources:0:Name"] = "Staff counselling",
            ["Support:Resources:1:Contact"] = "0800 000 000",
        }));

        Assert.Contains("Each Support:Resources entry needs a Name.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_https_address_for_the_dignity_policy_is_accepted()
    {
        var options = Bind(new() { ["Support:DignityPolicyUrl"] = "https://www.example.ac.uk/dignity-at-work", ["Support:ContactEmail"] = "support@example.ac.uk" });

        Assert.Equal("https://www.example.ac.uk/dignity-at-work", options.DignityPolicyUrl);
        Assert.Equal("support@example.ac.uk", options.ContactEmail);
    }
}
