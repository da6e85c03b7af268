using TeamsPolicyBot.People;

namespace TeamsPolicyBot.Tests.People;

/// <summary>
/// What every <see cref="IManagerDirectory"/> does, Graph or the static map, so a caller's tests
/// can use the static map in place of Graph.
/// </summary>
public abstract class ManagerDirectoryContract
{
    protected const string UserId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    protected const string ManagerId = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

    /// <summary>A directory in which <see cref="UserId"/> is managed by <see cref="ManagerId"/> and no one else has a manager.</summary>
    internal abstract IManagerDirectory DirectoryWithOneManager();

    [Fact]
    public async Task Contract_the_manager_of_a_known_user_is_found_by_object_id()
    {
        var found = Assert.IsType<ManagerFound>(await DirectoryWithOneManager().FindManagerAsync(UserId, CancellationToken.None));

        Assert.Equal(ManagerId, found.Manager.AadObjectId);
    }

    [Fact]
    public async Task Contract_the_object_id_matches_whatever_its_case()
    {
        var found = Assert.IsType<ManagerFound>(await DirectoryWithOneManager().FindManagerAsync(UserId.ToUpperInvariant(), CancellationToken.None));

        Assert.Equal(ManagerId, found.Manager.AadObjectId);
    }

    [Fact]
    public async Task Contract_a_user_without_a_manager_has_no_manager()
    {
        Assert.IsType<NoManager>(await DirectoryWithOneManager().FindManagerAsync("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", CancellationToken.None));
    }

    [Theory]
    [InlineData("29:1abcTeamsUserId")]
    [InlineData("")]
    public async Task Contract_a_teams_user_id_instead_of_an_object_id_is_a_programming_error(string id)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => DirectoryWithOneManager().FindManagerAsync(id, CancellationToken.None));
    }
}
