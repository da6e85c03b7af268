using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.People;

namespace TeamsPolicyBot.Tests.People;

public sealed class StaticManagerDirectoryTests : ManagerDirectoryContract
{
    internal override IManagerDirectory DirectoryWithOneManager() => Directory((UserId, ManagerId));

    [Fact]
    public async Task A_mapped_user_has_their_manager()
    {
        var result = await Directory((UserId, ManagerId)).FindManagerAsync(UserId, CancellationToken.None);

        Assert.Equal(new ManagerFound(new Manager(ManagerId)), result);
    }

    [Fact]
    public async Task A_user_not_in_the_map_has_no_manager()
    {
        var result = await Directory((UserId, ManagerId)).FindManagerAsync("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", CancellationToken.None);

        Assert.IsType<NoManager>(result);
    }

    [Fact]
    public async Task Ids_match_whatever_their_case_and_the_manager_comes_back_lower_case()
    {
        var directory = Directory((UserId.ToUpperInvariant(), ManagerId.ToUpperInvariant()));

        var result = await directory.FindManagerAsync(UserId, CancellationToken.None);
        var upper = await directory.FindManagerAsync(UserId.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(new ManagerFound(new Manager(ManagerId)), result);
        Assert.Equal(result, upper);
    }

    [Fact]
    public async Task The_manager_is_named_as_Teams_knows_them()
    {
        names.Setup(n => n.FindNameAsync(ManagerId, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonName("Alex Chen", "alex.chen@contoso.example"));

        var result = await Directory((UserId, ManagerId)).FindManagerAsync(UserId, CancellationToken.None);

        Assert.Equal(new ManagerFound(new Manager(ManagerId, "Alex Chen", "alex.chen@contoso.example")), result);
    }

    [Fact]
    public async Task The_map_from_configuration_is_used()
    {
        names.Setup(n => n.FindNameAsync(ManagerId, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonName("Alex Chen", null));
        await using var services = PeopleServices.Build(
            new Dictionary<string, string?> { [$"Directory:Managers:{UserId.ToUpperInvariant()}"] = ManagerId },
            configure: s => s.AddSingleton(names.Object));

        var result = await services.GetRequiredService<IManagerDirectory>().FindManagerAsync(UserId, CancellationToken.None);

        Assert.Equal(new ManagerFound(new Manager(ManagerId, "Alex Chen")), result);
    }

    private readonly Mock<IPersonNames> names = new();

    private StaticManagerDirectory Directory(params (string User, string Manager)[] pairs)
    {
        var options = new DirectoryOptions();
        foreach (var (user, manager) in pairs)
        {
            options.Managers[user] = manager;
        }

        return new StaticManagerDirectory(Options.Create(options), names.Object);
    }
}
