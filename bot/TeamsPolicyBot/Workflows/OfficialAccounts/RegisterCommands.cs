using TeamsPolicyBot.Protocol.Hosting;
using TeamsPolicyBot.Protocol.Schema;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Turns;

namespace TeamsPolicyBot.Workflows.OfficialAccounts;

/// <summary>"accounts [words]": the register, filtered, for the Comms team (in its channel or their personal chat).</summary>
internal sealed class AccountsCommand(RegisterPages pages) : IBotCommand
{
    public string Verb => OfficialAccountVerbs.List;

    // The register's card, to Comms approvers only (RegisterPages refuses everyone else).
    public VerbRule Rule { get; } = new(RecordKind.OfficialAccount, RecordViews.Shared);

    public IReadOnlyCollection<string> Phrases { get; } = ["accounts"];

    public bool TakesWords => true;

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken) => pages.AnswerAsync(turn, RegisterList.Accounts, cancellationToken);
}

/// <summary>"audits": the accounts whose yearly audit is due or overdue, oldest first, for the Comms team.</summary>
internal sealed class AuditsCommand(RegisterPages pages) : IBotCommand
{
    public string Verb => OfficialAccountVerbs.Audits;

    public VerbRule Rule { get; } = new(RecordKind.OfficialAccount, RecordViews.Shared);

    public IReadOnlyCollection<string> Phrases { get; } = ["audits", "audits due"];

    public Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken) => pages.AnswerAsync(turn, RegisterList.Audits, cancellationToken);
}

/// <summary>"my accounts": the official accounts the person is an administrator of, in their personal chat.</summary>
internal sealed class MyAccountsCommand(RegisterPages pages) : IBotCommand
{
    public string Verb => OfficialAccountVerbs.Mine;

    // It lists the sender's own accounts only.
    public VerbRule Rule => VerbRule.NoRecord;

    public IReadOnlyCollection<string> Phrases { get; } = ["my accounts", "my official accounts"];

    public async Task HandleAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        if (!turn.Activity.IsInPersonalChat())
        {
            await turn.SendAsync(Activity.CreateMessage("Your accounts are listed in our personal chat: message me \"my accounts\" there."), cancellationToken);
            return;
        }

        await turn.SendAsync(Activity.CreateMessage(attachments: await pages.MineAsync(turn.Activity.From?.AadObjectId, cancellationToken)), cancellationToken);
    }
}
