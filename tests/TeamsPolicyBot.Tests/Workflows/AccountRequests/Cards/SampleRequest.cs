using TeamsPolicyBot.Workflows.AccountRequests.Cards;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests.Cards;

/// <summary>A filled-in request form for card tests; its purpose holds a markdown link, to check escaping.</summary>
internal static class SampleRequest
{
    public static RequestFormValues Form { get; } = new()
    {
        Platform = "instagram",
        Handle = "@MRCGambia_Malaria",
        UnitType = "mrcUnit",
        UnitName = "MRC Unit The Gambia",
        Purpose = "[click](https://evil)",
        Audiences = "Communities",
        StrategicAims = "Aims",
        ContentPlan = "Plan",
        PostingFrequency = "weekly",
        Evaluation = "Reach",
        Resourcing = "Amadou, 3 hours a week",
        SignOff = "Priya signs off",
        SecondAdminEmail = "amadou.jallow@lshtm.ac.uk",
        ConfirmPolicy = "true",
    };
}
