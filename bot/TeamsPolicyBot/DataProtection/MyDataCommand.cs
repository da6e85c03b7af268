using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Turns;

namespace TeamsPolicyBot.DataProtection;

/// <summary>
/// "my data": every record the bot holds that names the sender, in any role, with when each will be deleted, the short
/// privacy notice and how to ask for a copy or erasure. Found by reading each kind's partition (see
/// <see cref="IPersonalDataParticipant"/>): My requests only lists what they started, and this must list what they
/// decided, handled or were named in too. The records' own rows only (<c>deep: false</c>): moved-out history is for the
/// data protection officer's export.
/// </summary>
internal sealed class MyDataCommand(PersonalData personalData, CardTemplates cards) : IBotCommand
{
    public string Verb => "data.mine";

    // It lists the sender's own data only.
    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } = ["my data", "privacy", "my personal data"];

    public async Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsInPersonalChat())
        {
            await turn.SendAsync(Activity.CreateMessage("What the bot holds about you is private: ask me \"my data\" in our personal chat."), cancellationToken);
            return;
        }

        var records = turn.Activity.From?.AadObjectId is { } person
            ? await personalData.FindAsync(person, deep: false, cancellationToken)
            : [];
        await turn.SendAsync(Activity.CreateMessage(attachments: cards.RenderAttachment(SharedCardNames.MyData, MyDataCard.Create(records))), cancellationToken);
    }
}

/// <summary>Binds cards/shared/my-data.json: the records naming the person, newest reference first.</summary>
internal sealed record MyDataCard(IReadOnlyList<MyDataLine> Items)
{
    public bool HasItems => Items.Count > 0;

    public string Summary => Items.Count switch
    {
        0 => "My data: the bot holds no records that name you.",
        1 => "My data: the bot holds one record that names you.",
        _ => $"My data: the bot holds {Items.Count} records that name you.",
    };

    public static MyDataCard Create(IEnumerable<PersonalRecord> records) =>
        new([.. records.OrderByDescending(record => record.Reference[4..], StringComparer.Ordinal).Select(MyDataLine.Of)]);
}

/// <summary>One record: "INC-2026-0007", "Incident report", "reporter", "Resolved", "Deleted on 3 Mar 2032".</summary>
internal sealed record MyDataLine(string Reference, string Kind, string Roles, string Status, string Kept)
{
    public static MyDataLine Of(PersonalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kept = record.DeleteOn is { } on ? $"Deleted on {CardDates.Date(on)}" : char.ToUpperInvariant(record.KeptWhile[0]) + record.KeptWhile[1..];
        return new(record.Reference, record.KindName, "You: " + string.Join(", ", record.Roles), Markdown.Escape(record.Status), kept);
    }
}
