using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>The account request records. Every change is conditional on the ETag it was read with.</summary>
internal interface IAccountRequests : IRecordStore<AccountRequest, TransitionRefusal>;
