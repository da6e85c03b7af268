using Azure.Data.Tables;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// The account and the (optionally prefixed) names of the bot's tables. Handing out a
/// <see cref="TableClient"/> makes no network call; the tables are created once by
/// <see cref="TableStorageInitializer"/>, never by a repository.
/// </summary>
public sealed class TableStorage(TableServiceClient service, string tablePrefix = "")
{
    public TableServiceClient Service { get; } = service;

    public string TableName(string name) => tablePrefix + name;

    public TableClient GetTable(string name) => Service.GetTableClient(TableName(name));
}
