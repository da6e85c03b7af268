using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <param name="projections">Where the records are shown besides their rows (none for a table on its own, as in storage tests).</param>
internal sealed class AccountRequestRepository(TableStorage storage, IEnumerable<IRecordProjection<AccountRequest>>? projections = null)
    : RecordStore<AccountRequest, TransitionRefusal>(new SubmittedRecordTable<AccountRequest>(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout), RecordKind.AccountRequest, projections ?? []),
      IAccountRequests;
