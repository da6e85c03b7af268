using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Delivery.ConversationReferences;
using TeamsPolicyBot.Protocol.Connector;
using TeamsPolicyBot.Storage;
using TeamsPolicyBot.Storage.Counters;
using TeamsPolicyBot.Tests.TestSupport;
using TeamsPolicyBot.Turns;
using TeamsPolicyBot.Turns.CardActions;
using TeamsPolicyBot.Turns.MyRequests;
using TeamsPolicyBot.Workflows.AccountRequests;
using TeamsPolicyBot.Workflows.OfficialAccounts;

namespace TeamsPolicyBot.Tests.Workflows.AccountRequests;

public class AccountRequestsServiceCollectionTests
{
    [Fact]
    public void AddAccountRequests_registers_the_stores_and_the_approval_policy_once_each()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new TableStorage(new TableServiceClient(AzuriteFixture.ConnectionStringFor(10002))));
        services.Configure<CommsOptions>(o => o.ApproverIds = [AccountRequestSamples.ApproverId]);

        services.AddLogging();
        services.AddCardTemplates();
        services.AddSingleton(Mock.Of<IProactiveMessenger>());
        services.AddSingleton(Mock.Of<IConnectorClient>());
        services.AddSingleton(Mock.Of<IConversationReferences>());
        services.AddSingleton(Mock.Of<TeamsPolicyBot.Delivery.Reminders.IReminders>());
        services.AddSingleton(Mock.Of<TeamsPolicyBot.People.IManagerDirectory>());
        services.AddOutbox();
        services.AddAccountRequests().AddAccountRequests();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsType<ReferenceNumbers>(provider.GetRequiredService<IReferenceNumbers>());
        Assert.IsType<AccountRequestRepository>(provider.GetRequiredService<IAccountRequests>());
        Assert.IsType<MyRequestsRepository>(provider.GetRequiredService<IMyRequests>());
        Assert.IsType<OfficialAccountRepository>(provider.GetRequiredService<IOfficialAccounts>());
        Assert.True(provider.GetRequiredService<ApprovalPolicy>().CanDecide(AccountRequestSamples.ApproverId, AccountRequestSamples.Pending()).IsAllowed);
        Assert.Single(services, d => d.ServiceType == typeof(IAccountRequests));
        // The request form's command and the register's four, once each though the workflow was added twice.
        Assert.Equal(
            [AccountRequestVerbs.Start, OfficialAccountVerbs.Audits, OfficialAccountVerbs.List, OfficialAccountVerbs.Mine, OfficialAccountVerbs.Register],
            provider.GetServices<IBotCommand>().Select(command => command.Verb).Order(StringComparer.Ordinal));
        Assert.Single(services, d => d.ImplementationType == typeof(HandleIndexing));
        // The request's submission, decisions and notes, and the yearly audit, administrator changes, registrations of
        // existing accounts and the link of new ones in the register.
        Assert.Equal(7, provider.GetServices<ICardActionHandler>().Count());
    }

    [Fact]
    public void The_initializer_creates_every_account_request_table()
    {
        Assert.Superset(
            new HashSet<string> { TableNames.AccountRequests, TableNames.Counters, TableNames.MyRequests, TableNames.OfficialAccounts },
            TableNames.All.ToHashSet());
        Assert.All(TableNames.All, name => Assert.Equal(name.ToLowerInvariant(), name));
    }
}
