using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.Incidents;
namespace TeamsPolicyBot.Tests.Workflows.Incidents;

internal static class IncidentSamples
{
    public static readonly DateOnly Today = new(2026, 3, 4);
    public static readonly DateTimeOffset ReportedAt = new(2026, 3, 4, 9, 12, 0, TimeSpan.Zero);
    public static readonly Actor Reporter = new("3f0b9c2e-1111-4a6b-9c1d-000000000001", "Priya Shah");
    public static readonly Actor Triager = new("3f0b9c2e-2222-4a6b-9c1d-000000000002", "Sam Carter");
    public static readonly Actor OtherTriager = new("3f0b9c2e-3333-4a6b-9c1d-000000000003", "Morgan Reid");

    public static Dictionary<string, string?> ValidInputs() => new()
    {
        ["what"] = "A post says our malaria vaccine trial was stopped for safety reasons. It was not.",
        ["links"] = "https://x.com/someone/status/1897000000000000000",
        ["platform"] = "x",
        ["platformOther"] = "",
        ["postedBy"] = "outside",
        ["kind"] = "misinformation",
        ["noticedOn"] = "2026-03-04",
        ["stillLive"] = "yes",
        ["urgency"] = "urgent",
        ["evidence"] = "Screenshots in my OneDrive.",
        ["actionsTaken"] = "",
    };

    public static IncidentForm Form(Action<Dictionary<string, string?>>? change = null)
    {
        var inputs = ValidInputs();
        change?.Invoke(inputs);
        return IncidentForm.FromJson(System.Text.Json.JsonSerializer.SerializeToElement(inputs));
    }

    public static Incident Reported(Action<Dictionary<string, string?>>? change = null) =>
        Incident.Report("INC-2026-0007", Reporter, IncidentValidator.Validate(Form(change), Today).Value!, ReportedAt);
}
