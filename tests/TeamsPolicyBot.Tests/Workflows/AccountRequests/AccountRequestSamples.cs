using System.Text.Json;
using System.Text.RegularExpressions;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Workflows.AccountRequests;
namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

/// <summary>A complete, valid request and the people around it, for tests to vary one thing at a time.</summary>
internal static partial class AccountRequestSamples
{
    public const string RequesterId = "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5";
    public const string ApproverId = "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    public const string OtherApproverId = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public const string SecondAdminId = "a1b2c3d4-e5f6-4789-8abc-def012345678";

    public static readonly DateTimeOffset SubmittedAt = new(2026, 3, 2, 9, 30, 15, TimeSpan.Zero);

    public static Requester Ada { get; } = new(RequesterId, "29:1requester", "Ada Lovelace", "ada.lovelace@lshtm.ac.uk");

    public static Actor RequesterActor { get; } = new(RequesterId, "Ada Lovelace");

    public static Actor Approver { get; } = new(ApproverId, "Grace Hopper");

    public static Actor OtherApprover { get; } = new(OtherApproverId, "Katherine Johnson");

    public static Dictionary<string, string?> ValidInputs() => new()
    {
        ["platform"] = "instagram",
        ["platformOther"] = "",
        ["handle"] = "@lshtm_malaria",
        ["alreadyExists"] = "false",
        ["existingUrl"] = "",
        ["unitType"] = "researchCentre",
        ["unitName"] = "Malaria Centre",
        ["purpose"] = "Share the centre's research and events.",
        ["audiences"] = "Researchers, funders and the public.",
        ["strategicAims"] = "Raises the profile of our malaria research (strategy aim 2).",
        ["contentPlan"] = "New papers, event announcements, field stories.",
        ["postingFrequency"] = "severalPerWeek",
        ["evaluation"] = "Follower growth and engagement, reviewed every quarter.",
        ["resourcing"] = "Our communications officer, 4 hours a week.",
        ["signOff"] = "The centre director approves every post.",
        ["secondAdmin"] = "",
        ["secondAdminEmail"] = "alan.turing@lshtm.ac.uk",
        ["confirmPolicy"] = "true",
        ["confirmSecurity"] = "true",
        ["confirmTraining"] = "true",
        ["submissionId"] = "4d3c2b1a-0f9e-4d8c-b7a6-958473625140",
    };

    /// <summary>
    /// The valid inputs with overrides written <c>id=value|id=value</c>; <c>~N</c> in a value
    /// stands for N letters, so long-text rows stay readable.
    /// </summary>
    public static AccountRequestForm Form(string overrides = "")
    {
        var inputs = ValidInputs();
        foreach (var pair in overrides.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            inputs[pair[..at]] = Repeat().Replace(pair[(at + 1)..], m => new string('x', int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return AccountRequestForm.FromJson(JsonSerializer.SerializeToElement(inputs));
    }

    public static AccountRequestDetails Details(string overrides = "")
    {
        var result = AccountRequestValidator.Validate(Form(overrides), Ada);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return result.Value;
    }

    public static AccountRequest Pending(string reference = "SMA-2026-0001") =>
        AccountRequest.Submit(reference, Ada, Details(), SubmittedAt, "4d3c2b1a-0f9e-4d8c-b7a6-958473625140");

    [GeneratedRegex(@"~(\d+)")]
    private static partial Regex Repeat();
}
