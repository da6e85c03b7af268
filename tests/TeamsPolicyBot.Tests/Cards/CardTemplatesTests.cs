using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Cards.Templating;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Cards;

public sealed class CardTemplatesTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("card-templates-");

    public void Dispose() => _folder.Delete(recursive: true);

    private void Write(string relativePath, string json)
    {
        var file = Path.Combine(_folder.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, json);
    }

    private sealed record Greeting(string? FirstName, int OpenRequests);

    [Fact]
    public void Loads_every_template_keyed_by_workflow_and_name_and_skips_sample_data()
    {
        Write(SharedCardNames.Welcome + ".json", """{ "type": "AdaptiveCard" }""");
        Write(SharedCardNames.Welcome + ".data.json", "not even JSON");
        Write("incidents/review.json", """{ "type": "AdaptiveCard" }""");

        var templates = CardTemplates.Load(_folder.FullName, [SharedCardNames.Welcome]);

        Assert.Equal(["incidents/review", SharedCardNames.Welcome], templates.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_declared_template_without_a_file_fails_loading_and_names_the_file()
    {
        Write("other/card.json", """{ "type": "AdaptiveCard" }""");

        var error = Assert.Throws<TemplateException>(() => CardTemplates.Load(_folder.FullName, [SharedCardNames.Welcome]));

        Assert.Contains(Path.Combine(_folder.FullName, SharedCardNames.Welcome + ".json"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_function_fails_loading_and_names_the_file()
    {
        Write(SharedCardNames.Welcome + ".json", """{ "type": "AdaptiveCard", "body": [ { "type": "TextBlock", "text": "${shout(firstName)}" } ] }""");

        var error = Assert.Throws<TemplateException>(() => CardTemplates.Load(_folder.FullName, [SharedCardNames.Welcome]));

        Assert.Contains("welcome.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown function 'shout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_JSON_fails_loading_and_names_the_file()
    {
        Write(SharedCardNames.Welcome + ".json", """{ "type": """);

        var error = Assert.Throws<TemplateException>(() => CardTemplates.Load(_folder.FullName, []));

        Assert.Contains("welcome.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_binds_data_serialised_in_camelCase_with_nulls_left_out()
    {
        Write(SharedCardNames.Welcome + ".json", """
            { "body": [ { "$when": "${exists(firstName)}", "text": "Hi ${firstName}" }, { "$when": "${!exists(firstName)}", "text": "Hi there" }, { "text": "${openRequests} open" } ] }
            """);
        var templates = CardTemplates.Load(_folder.FullName, []);

        var named = templates.Render(SharedCardNames.Welcome, new Greeting("Priya", 2));
        var anonymous = templates.Render(SharedCardNames.Welcome, new Greeting(null, 0));

        JsonAssert.Equal("""{ "body": [ { "text": "Hi Priya" }, { "text": "2 open" } ] }""", System.Text.Json.Nodes.JsonNode.Parse(named.GetRawText()));
        JsonAssert.Equal("""{ "body": [ { "text": "Hi there" }, { "text": "0 open" } ] }""", System.Text.Json.Nodes.JsonNode.Parse(anonymous.GetRawText()));
    }

    [Fact]
    public void RenderAttachment_wraps_the_card_as_an_Adaptive_Card_attachment()
    {
        Write(SharedCardNames.Welcome + ".json", """{ "type": "AdaptiveCard", "speak": "Hi ${firstName}" }""");
        var templates = CardTemplates.Load(_folder.FullName, []);

        var attachment = templates.RenderAttachment(SharedCardNames.Welcome, new Greeting("Sam", 0));

        Assert.Equal(ContentTypes.AdaptiveCard, attachment.ContentType);
        Assert.Equal("Hi Sam", attachment.Content!.Value.GetProperty("speak").GetString());
    }

    [Fact]
    public void Render_of_an_unknown_name_names_it()
    {
        var templates = CardTemplates.Load(_folder.FullName, []);

        var error = Assert.Throws<ArgumentException>(() => templates.Render("nope/nothing", new { }));

        Assert.Contains("nope/nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_declared_names_are_found_in_every_workflow_and_in_Turns()
    {
        Assert.Contains(SharedCardNames.Welcome, DeclaredCardNames.All);
        Assert.Contains(AccountRequestCardNames.Approval, DeclaredCardNames.All);
        Assert.Contains(IncidentCardNames.Triage, DeclaredCardNames.All);
        Assert.Contains(SupportCardNames.Case, DeclaredCardNames.All);
        Assert.All(DeclaredCardNames.All, name => Assert.Matches("^[a-z0-9-]+/[a-z0-9-]+$", name));
        Assert.Equal(DeclaredCardNames.All.Count, DeclaredCardNames.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_names_read_from_metadata_are_those_reflection_finds()
    {
        // Reflection is the obvious way and loads every type (and their assemblies); the bot reads metadata instead.
        var byReflection = typeof(DeclaredCardNames).Assembly.GetTypes()
            .Where(type => type.IsDefined(typeof(CardTemplateNamesAttribute), inherit: false))
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(byReflection, DeclaredCardNames.All);
        Assert.True(DeclaredCardNames.All.Count > 30, $"only {DeclaredCardNames.All.Count} names found");
    }

    [Fact]
    public void AddCardTemplates_loads_the_templates_copied_beside_the_binaries_once()
    {
        using var provider = new ServiceCollection().AddCardTemplates().BuildServiceProvider();

        var templates = provider.GetRequiredService<CardTemplates>();

        Assert.Same(templates, provider.GetRequiredService<CardTemplates>());
        Assert.All(DeclaredCardNames.All, name => Assert.Contains(name, templates.Names));
        Assert.Equal(JsonValueKind.Object, templates.Render(SharedCardNames.Welcome, new Greeting("Priya", 0)).ValueKind);
    }

    [Fact]
    public void AddCardTemplates_fails_at_registration_when_a_template_is_missing()
    {
        Assert.Throws<TemplateException>(() => new ServiceCollection().AddCardTemplates(_folder.FullName));
    }
}
