using System.Text.Json.Nodes;
using TeamsPolicyBot.Cards.Templating;

namespace TeamsPolicyBot.Tests.Cards;

public sealed class TemplateEngineTests
{
    private const string Data = """
        {
          "name": "Priya", "count": 3, "ratio": 1.5, "on": true, "off": false, "nothing": null, "blank": "", "zero": 0,
          "tags": ["a", "b", "c"], "numbers": [1, 2], "none": [],
          "team": { "title": "Comms", "lead": { "name": "Sam" } },
          "requests": [ { "title": "Blog", "state": "open" }, { "title": "Podcast", "state": "closed" } ]
        }
        """;

    private static JsonNode? Expand(string template, string data = Data) =>
        CardTemplate.Parse(template).Expand(JsonNode.Parse(data));

    private static JsonNode? Value(string binding, string data = Data) =>
        Expand($$"""{ "v": {{JsonValue.Create(binding)!.ToJsonString()}} }""", data)!["v"];

    [Theory]
    [InlineData("${count}", "3")]
    [InlineData("${ratio}", "1.5")]
    [InlineData("${on}", "true")]
    [InlineData("${team}", """{ "title": "Comms", "lead": { "name": "Sam" } }""")]
    [InlineData("${numbers}", "[1, 2]")]
    [InlineData("${nothing}", "null")]
    public void A_binding_that_is_the_whole_string_keeps_its_JSON_type(string binding, string expected)
    {
        JsonAssert.Equal(expected, Value(binding));
    }

    [Theory]
    [InlineData("Hi ${name}!", "Hi Priya!")]
    [InlineData("${count} open", "3 open")]
    [InlineData("on=${on}, off=${off}", "on=true, off=false")]
    [InlineData("tags: ${tags}", "tags: a,b,c")]
    [InlineData("${name}${count}", "Priya3")]
    [InlineData("[${nothing}]", "[]")]
    public void A_binding_inside_longer_text_is_written_as_text(string template, string expected)
    {
        Assert.Equal(expected, Value(template)!.GetValue<string>());
    }

    [Theory]
    [InlineData("${missing}", "${missing}")]
    [InlineData("${team.missing}", "${team.missing}")]
    [InlineData("Hi ${ missing.deeper }!", "Hi ${missing.deeper}!")]
    [InlineData("${tags[7]}", "${tags[7]}")]
    [InlineData("${$root.missing}", "${$root.missing}")]
    public void An_unbound_path_stays_as_its_literal_binding(string template, string expected)
    {
        Assert.Equal(expected, Value(template)!.GetValue<string>());
    }

    [Theory]
    [InlineData("${team.lead.name}", "Sam")]
    [InlineData("${requests[1].title}", "Podcast")]
    [InlineData("${tags[0]}", "a")]
    [InlineData("${TEAM.Title}", "Comms")]
    [InlineData("${$root.team.title}", "Comms")]
    [InlineData("${$data.name}", "Priya")]
    public void Paths_follow_properties_and_indexes(string binding, string expected)
    {
        Assert.Equal(expected, Value(binding)!.GetValue<string>());
    }

    [Fact]
    public void An_escaped_binding_is_written_literally()
    {
        Assert.Equal("${name} is Priya", Value("\\${name} is ${name}")!.GetValue<string>());
    }

    [Theory]
    [InlineData("${'it''s'}", null)]
    [InlineData("${\"a \\\"quoted\\\" word\"}", "a \"quoted\" word")]
    [InlineData("${'single'}", "single")]
    [InlineData("${1.50}", "1.5")]
    [InlineData("${true}", "true")]
    public void A_lone_literal_is_written_as_text_as_the_official_library_does(string binding, string? expected)
    {
        if (expected is null)
        {
            Assert.Throws<TemplateException>(() => CardTemplate.Parse($$"""{ "v": "{{binding}}" }"""));
            return;
        }

        Assert.Equal(expected, Value(binding)!.GetValue<string>());
    }

    [Theory]
    [InlineData("${!on}", false)]
    [InlineData("${!missing}", true)]
    [InlineData("${!zero}", false)]
    [InlineData("${name == 'Priya'}", true)]
    [InlineData("${count == 3.0}", true)]
    [InlineData("${count != 3}", false)]
    [InlineData("${missing == null}", true)]
    [InlineData("${count < 4}", true)]
    [InlineData("${count <= 3}", true)]
    [InlineData("${count > 3}", false)]
    [InlineData("${count >= 3}", true)]
    [InlineData("${'abc' < 'abd'}", true)]
    [InlineData("${count > missing}", false)]
    [InlineData("${on && count > 2}", true)]
    [InlineData("${off || name == 'Priya'}", true)]
    [InlineData("${!(on && off)}", true)]
    [InlineData("${off && missing.x}", false)]
    [InlineData("${equals(tags, $root.tags)}", true)]
    [InlineData("${equals(numbers, numbers[0])}", false)]
    [InlineData("${not(on)}", false)]
    [InlineData("${and(on, count, name)}", true)]
    [InlineData("${and(on, nothing)}", false)]
    [InlineData("${or(off, missing, blank)}", true)]
    [InlineData("${empty(blank)}", true)]
    [InlineData("${empty(none)}", true)]
    [InlineData("${empty(missing)}", true)]
    [InlineData("${empty(name)}", false)]
    [InlineData("${empty(zero)}", false)]
    [InlineData("${exists(name)}", true)]
    [InlineData("${exists(nothing)}", false)]
    [InlineData("${exists(missing)}", false)]
    public void Operators_and_predicates_give_booleans(string binding, bool expected)
    {
        Assert.Equal(expected, Value(binding)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("${or(off, off)}", "{ \"v\": false }")]
    [InlineData("${or(off, nothing)}", "{ \"v\": null }")]
    [InlineData("${or(off, missing)}", "{}")]
    public void Or_with_nothing_true_gives_back_its_last_operand(string binding, string expected)
    {
        JsonAssert.Equal(expected, Expand($$"""{ "v": "{{binding}}" }"""));
    }

    [Fact]
    public void Equality_binds_tighter_than_ordering_as_in_adaptive_expressions()
    {
        // 1 < (2 == true) compares a number with a boolean, which fails; (1 < 2) == true would be true.
        var error = Assert.Throws<TemplateException>(() => Value("${1 < 2 == true}"));
        Assert.Contains("must be comparable", error.Message, StringComparison.Ordinal);
        Assert.True(Value("${!on == false}")!.GetValue<bool>());
    }

    [Theory]
    [InlineData("${if(on, 'yes', 'no')}", "\"yes\"")]
    [InlineData("${if(missing, 'yes', 'no')}", "\"no\"")]
    [InlineData("${if(blank, 'yes', 'no')}", "\"yes\"")]
    [InlineData("${if(off, count, team.title)}", "\"Comms\"")]
    [InlineData("${if(on, count, 0)}", "3")]
    [InlineData("${count(tags)}", "3")]
    [InlineData("${count(name)}", "5")]
    [InlineData("${count(team)}", "2")]
    [InlineData("${concat('Hi ', name, '!')}", "\"Hi Priya!\"")]
    [InlineData("${concat(name, count, on)}", "\"Priya3true\"")]
    [InlineData("${concat(tags, numbers)}", "\"a,b,c1,2\"")]
    [InlineData("${concat('x', missing)}", "\"x${missing}\"")]
    [InlineData("${join(tags, ', ')}", "\"a, b, c\"")]
    [InlineData("${join(tags, ', ', ' and ')}", "\"a, b and c\"")]
    [InlineData("${join(numbers, '-')}", "\"1-2\"")]
    public void Functions_compute_values(string binding, string expected)
    {
        JsonAssert.Equal(expected, Value(binding));
    }

    [Fact]
    public void Data_on_an_object_rebinds_its_scope()
    {
        var card = Expand("""{ "item": { "$data": "${team.lead}", "text": "${name} (${$root.name})" } }""");

        JsonAssert.Equal("""{ "item": { "text": "Sam (Priya)" } }""", card);
    }

    [Fact]
    public void Data_bound_to_a_list_inside_a_list_repeats_the_element_with_its_index()
    {
        var card = Expand("""
            { "body": [
                { "type": "Header" },
                { "$data": "${requests}", "type": "Row", "text": "${$index}: ${title} for ${$root.name}", "n": "${$index}" },
                { "type": "Footer" } ] }
            """);

        JsonAssert.Equal("""
            { "body": [
                { "type": "Header" },
                { "type": "Row", "text": "0: Blog for Priya", "n": 0 },
                { "type": "Row", "text": "1: Podcast for Priya", "n": 1 },
                { "type": "Footer" } ] }
            """, card);
    }

    [Fact]
    public void Nested_repeats_see_their_own_item_and_index()
    {
        var card = Expand("""
            { "rows": [ { "$data": "${requests}", "cells": [ { "$data": "${$root.numbers}", "v": "${$data}@${$index}" } ], "i": "${$index}" } ] }
            """);

        JsonAssert.Equal("""
            { "rows": [ { "cells": [ { "v": "1@0" }, { "v": "2@1" } ], "i": 0 }, { "cells": [ { "v": "1@0" }, { "v": "2@1" } ], "i": 1 } ] }
            """, card);
    }

    [Fact]
    public void Data_bound_to_an_empty_list_removes_the_element()
    {
        JsonAssert.Equal("""{ "body": [ { "keep": 1 } ] }""", Expand("""{ "body": [ { "$data": "${none}", "x": 1 }, { "keep": 1 } ] }"""));
    }

    [Fact]
    public void When_keeps_only_elements_whose_condition_is_true()
    {
        var card = Expand("""
            { "body": [
                { "$when": "${on}", "id": "kept" },
                { "$when": "${off}", "id": "false" },
                { "$when": "${name}", "id": "not-a-boolean" },
                { "$when": "${join(count, ',')}", "id": "fails" },
                { "$when": "${missing}", "id": "unbound" },
                { "$data": "${requests}", "$when": "${state == 'open'}", "id": "${title}" } ] }
            """);

        JsonAssert.Equal("""{ "body": [ { "id": "kept" }, { "id": "Blog" } ] }""", card);
    }

    [Fact]
    public void An_element_dropped_by_when_outside_a_list_becomes_null()
    {
        JsonAssert.Equal("""{ "selectAction": null }""", Expand("""{ "selectAction": { "$when": "${off}", "type": "Action.Submit" } }"""));
    }

    [Fact]
    public void A_parsed_template_expands_again_with_other_data()
    {
        var template = CardTemplate.Parse("""{ "text": "Hi ${name}", "$when": "${!empty(name)}" }""");

        JsonAssert.Equal("""{ "text": "Hi Priya" }""", template.Expand(JsonNode.Parse("""{ "name": "Priya" }""")));
        JsonAssert.Equal("""{ "text": "Hi Sam" }""", template.Expand(JsonNode.Parse("""{ "name": "Sam" }""")));
        Assert.Null(template.Expand(JsonNode.Parse("{}")));
    }

    [Fact]
    public void A_failing_binding_inside_text_stays_literal_but_a_whole_failing_binding_throws()
    {
        Assert.Equal("x ${join(name, ',')}", Value("x ${join(name, ',')}")!.GetValue<string>());

        var error = Assert.Throws<TemplateException>(() => Value("${join(name, ',')}"));
        Assert.Contains("join", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${toUpper(name)}", "Unknown function 'toUpper'")]
    [InlineData("${Equals(name, 'x')}", "Unknown function 'Equals'")]
    [InlineData("${if(on, 1)}", "'if' takes 3 arguments")]
    [InlineData("${name +}", "Unexpected '+'")]
    [InlineData("${(name}", "Expected ')'")]
    [InlineData("${name", "not closed")]
    [InlineData("${'open}", "not closed")]
    [InlineData("`${name}`", "backtick")]
    public void A_template_that_cannot_be_evaluated_fails_when_it_is_parsed(string text, string message)
    {
        var error = Assert.Throws<TemplateException>(() => CardTemplate.Parse($$"""{ "body": [ { "text": {{JsonValue.Create(text)!.ToJsonString()}} } ] }"""));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("$.body[0].text", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("true")]
    public void When_must_be_a_binding(string when)
    {
        var error = Assert.Throws<TemplateException>(() => CardTemplate.Parse($$"""{ "$when": {{when}}, "x": 1 }"""));

        Assert.Contains("$when must be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_JSON_fails_when_parsed()
    {
        Assert.Throws<TemplateException>(() => CardTemplate.Parse("{ \"type\": "));
    }
}
