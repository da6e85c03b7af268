using System.Text.Json;
using Microsoft.Extensions.Options;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.HarassmentSupport;
namespace TeamsPolicyBot.Tests.Workflows.HarassmentSupport;

internal static class SupportSamples
{
    public static readonly DateOnly Today = new(2026, 3, 4);
    public static readonly DateTimeOffset RequestedAt = new(2026, 3, 4, 9, 12, 0, TimeSpan.Zero);
    public static readonly Actor Person = new("3f0b9c2e-1111-4a6b-9c1d-000000000001", "Priya Shah");
    public static readonly Actor Handler = new("3f0b9c2e-2222-4a6b-9c1d-000000000002", "Sam Carter");
    public static readonly Actor OtherHandler = new("3f0b9c2e-3333-4a6b-9c1d-000000000003", "Morgan Reid");

    /// <summary>Typed text that must never reach the channel or a log line.</summary>
    public const string What = "An account called @angry_reader keeps posting my home street and calling my vaccine study a fraud.";
    public const string Link = "https://x.com/angry_reader/status/1898000000000000000";

    public static Dictionary<string, string?> ValidInputs() => new()
    {
        ["what"] = What,
        ["platforms"] = "x,other",
        ["platformOther"] = "Mastodon",
        ["links"] = Link,
        ["since"] = "thisMonth",
        ["ongoing"] = "yes",
        ["workRelation"] = "research",
        ["feelsUnsafe"] = "false",
        ["needs"] = "reporting,security",
        ["managerSharing"] = "referralOnly",
    };

    public static SupportForm Form(Action<Dictionary<string, string?>>? change = null)
    {
        var inputs = ValidInputs();
        change?.Invoke(inputs);
        return SupportForm.FromJson(JsonSerializer.SerializeToElement(inputs));
    }

    /// <summary>An hour after the request: when the case work in the unit tests happens.</summary>
    public static readonly DateTimeOffset Later = RequestedAt.AddHours(1);

    /// <summary>The real templates with the default support resources.</summary>
    public static readonly SupportCards Templates = TemplatesWith(new SupportResourcesOptions());

    /// <summary>The real templates with these <c>Support</c> settings (an emergency number, a contact address…).</summary>
    public static SupportCards TemplatesWith(SupportResourcesOptions settings) =>
        new(CardTemplates.Load(CardTemplates.DefaultDirectory, DeclaredCardNames.All), Options.Create(settings));

    /// <summary>A rendered card as JSON text, to look for what it shows (or must not).</summary>
    public static string Text(TeamsPolicyBot.Protocol.Schema.Attachment card) => JsonSerializer.Serialize(card.Content);

    /// <summary><see cref="Requested"/>, taken by <see cref="Handler"/> five minutes later.</summary>
    public static SupportReferral Taken() => Requested().Take(Handler, RequestedAt.AddMinutes(5)).Next!;

    public static SupportReferral Requested(Action<Dictionary<string, string?>>? change = null, ReferralManager? manager = null) =>
        SupportReferral.Request(
            "HSR-2026-0003",
            Person,
            SupportValidator.Validate(Form(change)).Value!,
            manager ?? new ReferralManager("3f0b9c2e-5555-4a6b-9c1d-000000000005", "Alex Morgan", "alex.morgan@example.ac.uk", TypedByPerson: false),
            RequestedAt);
}
