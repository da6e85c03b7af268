using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;

namespace TeamsPolicyBot.Tests.Configuration;

public sealed class CommsOptionsTests
{
    private static CommsOptions Bind(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Comms:TeamId"] = "19:comms-team@thread.tacv2",
            ["Comms:ChannelId"] = "19:comms-approvals@thread.tacv2",
            ["Comms:ApproverIds:0"] = "3f0b9c2e-1111-4a6b-9c1d-000000000001",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPolicySettings().BuildServiceProvider();
        return services.GetRequiredService<IOptions<CommsOptions>>().Value;
    }

    [Fact]
    public void The_contact_email_is_the_address_the_policy_gives_unless_set()
    {
        Assert.Equal("comms@lshtm.ac.uk", Bind([]).ContactEmail);
        Assert.Equal("social@example.ac.uk", Bind(new() { ["Comms:ContactEmail"] = "social@example.ac.uk" }).ContactEmail);
    }

    [Fact]
    public void A_contact_email_that_is_not_an_address_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Comms:ContactEmail"] = "the comms team" }));

        Assert.Contains("Comms:ContactEmail", error.Message, StringComparison.Ordinal);
    }
}
