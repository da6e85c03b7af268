using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Tests.TestSupport;

/// <summary>What tests that seed records through their stores share (retention, a person's data).</summary>
internal static class SeededRecords
{
    /// <summary>The record a transition saved; a refusal fails the seeding, since the test would prove nothing.</summary>
    public static async Task<T> Changed<T, TRefusal>(Task<ChangeOutcome<T, TRefusal>> change)
        where T : class
        where TRefusal : class, IRefusal
    {
        var outcome = await change;
        return outcome.Changed ?? throw new InvalidOperationException($"The change was refused: {outcome}");
    }

    /// <summary>A personal chat with the person, stored as a turn of theirs would store it (at the clock's time).</summary>
    public static Task RememberChatAsync(TableStorage storage, TimeProvider time, string aadObjectId, string teamsId, string name) =>
        new ConversationReferenceRepository(storage, time, new StoredReferenceCache(time)).SaveAsync(new ConversationReference
        {
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            ChannelId = "msteams",
            User = new ChannelAccount { Id = teamsId, AadObjectId = aadObjectId, Name = name },
            Bot = new ChannelAccount { Id = "28:bot-app-id", Name = "Policy bot" },
            Conversation = new ConversationAccount { Id = "a:chat-" + teamsId[3..], ConversationType = ConversationTypes.Personal, TenantId = "tenant-1" },
        });
}
