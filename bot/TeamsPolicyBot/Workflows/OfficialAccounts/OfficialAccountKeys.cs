using TeamsPolicyBot.Forms;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>
/// Accounts: one partition (the register is hundreds of rows and is read whole); row = the source request's
/// reference, so the approval that creates an account can only ever create one.
/// Handles: a second partition of index rows, row = the normalised platform and handle, pointing at the account,
/// so "is this handle already registered" is one point read.
/// </summary>
internal static class OfficialAccountKeys
{
    public const string Partition = "account";

    public const string HandlePartition = "handle";

    /// <summary>A registration's submission id, pointing at the reference it got: a retried "register account" finds the first.</summary>
    public const string SubmissionPartition = "submission";

    public static string Row(string sourceReference) => TableKey.Encode(sourceReference);

    /// <summary>"instagram|lshtm_malaria": case and a leading "@" do not matter; for Other, the platform's typed name counts.</summary>
    public static string HandleRow(SocialPlatform platform, string platformName, string handle)
    {
        var platformKey = platform == SocialPlatform.Other ? $"other:{platformName.Trim().ToLowerInvariant()}" : platform.ToString().ToLowerInvariant();
        return TableKey.Encode($"{platformKey}|{NormalHandle(handle)}");
    }

    public static string NormalHandle(string handle) => handle.Trim().TrimStart('@').Trim().ToLowerInvariant();
}
