using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;

namespace TeamsPolicyBot.Workflows.AccountRequests;

internal sealed class AccountRequestRepository(TableStorage storage)
    : RecordStore<AccountRequest, TransitionResult, TransitionRefusal>(new SubmittedRecordTable<AccountRequest>(storage.GetTable(TableNames.AccountRequests), AccountRequestKeys.Layout), RecordKind.AccountRequest),
      IAccountRequests;
