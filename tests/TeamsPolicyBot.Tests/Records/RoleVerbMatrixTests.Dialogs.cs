using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.HarassmentSupport;
using TeamsPolicyBot.Workflows.Incidents;

namespace TeamsPolicyBot.Tests.Records;

/// <summary>
/// The same matrix for what Teams sends outside card clicks: the message extension's commands and the forms in dialogs,
/// with data no button sends (forged command ids and form names, someone else's submission id, a claim to be Comms).
/// </summary>
public sealed partial class RoleVerbMatrixTests
{
    [Fact]
    public async Task Forged_command_ids_and_form_names_get_a_polite_answer_with_nothing_of_any_record()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();
        Assert.Equal(["findOfficialAccount", ReportToCommsCommand.Id], Router.ExtensionCommandIds.Order(StringComparer.Ordinal));
        Assert.Equal(["account", "incident", "support"], Router.DialogForms.Keys.Order(StringComparer.Ordinal));

        foreach (var person in Everyone)
        {
            foreach (var name in new[] { "composeExtension/fetchTask", "composeExtension/submitAction", "composeExtension/query" })
            {
                foreach (var commandId in new[] { "approveAccount", records.Incident.Reference, "", "REPORTTOCOMMS" })
                {
                    var answer = await ExtensionAsync(person, name, new JsonObject { ["commandId"] = commandId, ["data"] = new JsonObject { ["reference"] = records.Referral.Reference } });
                    Assert.Equal("message", (string?)answer["composeExtension"]?["type"]);
                    NamesNoSecret(answer, $"{name} {commandId} by {person.Role}");
                }
            }

            foreach (var form in new[] { "payroll", records.Request.Reference, records.Referral.Reference, "ACCOUNT", "SUPPORT", "" })
            {
                var answer = await ExtensionAsync(person, "task/fetch", new JsonObject { ["data"] = new JsonObject { ["form"] = form, ["reference"] = records.Incident.Reference } });
                Assert.Equal("message", (string?)answer["task"]?["type"]);
                NamesNoSecret(answer, $"task/fetch {form} by {person.Role}");
            }

            // A verb no dialog's button carries, a card verb about a record among them: no dialog runs it.
            foreach (var verb in new[] { "accountRequest.approve", IncidentVerbs.Resolve, "support.take", "support.message", "support.close", "support.handover", "support.tellmanager", "support.withdraw", "help" })
            {
                var answer = await ExtensionAsync(person, "task/submit", new JsonObject { ["data"] = new JsonObject { ["verb"] = verb, ["reference"] = records.Incident.Reference } });
                Assert.Equal("message", (string?)answer["task"]?["type"]);
                NamesNoSecret(answer, $"task/submit {verb} by {person.Role}");
            }
        }
    }

    [Fact]
    public async Task A_dialog_submit_replaying_someone_elses_submission_id_shows_their_record_to_nobody_but_them()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();
        var verbs = Router.DialogForms.Values.SelectMany(form => form.Verbs).Where(verb => verb.Value.Record is not null).ToList();
        Assert.Equal(3, verbs.Count);

        foreach (var (verb, rule) in verbs)
        {
            foreach (var person in Everyone.Where(p => p.Role != RecordRole.Starter))
            {
                var form = JsonSerializer.SerializeToNode(Payload(verb, records, rule.Record!.Value))!.AsObject();
                form["verb"] = verb;
                var answer = await ExtensionAsync(person, "task/submit", new JsonObject { ["data"] = form });

                var because = $"task/submit {verb} by {person.Role}";
                Assert.Equal("message", (string?)answer["task"]?["type"]);
                Assert.Equal(Visibility.FormAlreadyUsed, (string?)answer["task"]!["value"]);
                NamesNoSecret(answer, because);
            }
        }
    }

    [Fact]
    public async Task The_support_dialogs_steps_show_anyone_only_their_own_typing_whatever_reference_the_data_names()
    {
        await StartAsync();
        var records = await FreshRecordsAsync();
        var steps = Router.DialogForms["support"].Verbs.Where(verb => verb.Value.Record is null).Select(verb => verb.Key).ToList();
        Assert.Contains(SupportVerbs.Review, steps);

        foreach (var person in Everyone)
        {
            var opened = await ExtensionAsync(person, "task/fetch", new JsonObject { ["data"] = new JsonObject { ["form"] = "support", ["reference"] = records.Referral.Reference } });
            Assert.Equal("continue", (string?)opened["task"]?["type"]);
            NamesNoSecret(opened, $"task/fetch support by {person.Role}");

            foreach (var verb in steps)
            {
                // Someone else's reference and submission id ride along: the step shows the form or guidance, never their request.
                var data = new JsonObject { ["verb"] = verb, ["reference"] = records.Referral.Reference, ["submissionId"] = records.Referral.SubmissionId };
                var answer = await ExtensionAsync(person, "task/submit", new JsonObject { ["data"] = data });
                Assert.Equal("continue", (string?)answer["task"]?["type"]);
                NamesNoSecret(answer, $"task/submit {verb} by {person.Role}");
            }
        }
    }

    [Fact]
    public async Task Only_a_Comms_approver_reporting_from_a_Teams_message_is_logged_by_Comms_whatever_the_data_claims()
    {
        await StartAsync();

        foreach (var person in Everyone)
        {
            var fromMessage = await ReportAsync(person, "composeExtension/submitAction", extension: true);
            var fromDialog = await ReportAsync(person, "task/submit", extension: false);

            Assert.Equal(person.Role == RecordRole.CommsApprover, fromMessage.LoggedByComms);
            Assert.False(fromDialog.LoggedByComms, $"A report from the welcome card's dialog by {person.Role} was logged by Comms.");
        }
    }

    /// <summary>A valid incident form that also claims to be logged by Comms; returns the stored incident.</summary>
    private async Task<Incident> ReportAsync(Person person, string name, bool extension)
    {
        var form = JsonSerializer.SerializeToNode(IncidentForm(Guid.NewGuid().ToString()))!.AsObject();
        form["verb"] = IncidentVerbs.Submit;
        form["loggedByComms"] = true;
        form["LoggedByComms"] = "true";
        var value = extension
            ? new JsonObject { ["commandId"] = ReportToCommsCommand.Id, ["commandContext"] = "message", ["data"] = form }
            : new JsonObject { ["data"] = form };
        var answer = await ExtensionAsync(person, name, value);

        var text = (string?)(extension ? answer["composeExtension"]?["text"] : answer["task"]?["value"]) ?? "";
        Assert.StartsWith("Sent to Comms as INC-", text, StringComparison.Ordinal);
        var reference = text["Sent to Comms as ".Length..].Split('.')[0];
        return (await Service<IIncidents>().GetAsync(reference))!.Record;
    }

    private Task<JsonNode> ExtensionAsync(Person person, string name, JsonObject value) =>
        harness.PostAsync(harness.ExtensionInvoke(name, value, person.TeamsId, person.AadId, person.Name));

    private static void NamesNoSecret(JsonNode answer, string because)
    {
        var text = answer.ToJsonString();
        var seen = Secrets.Values.SelectMany(secrets => secrets).Where(secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(seen.Count == 0, $"{because} showed {string.Join(", ", seen)}: {text}");
    }
}
