using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// One partition (the directory is hundreds of rows and is read whole); row = the source request's
/// reference, so the approval that creates an account can only ever create one.
/// </summary>
internal static class OfficialAccountKeys
{
    public const string Partition = "account";

    public static string Row(string sourceReference) => TableKey.Encode(sourceReference);
}
