using System.Collections.Immutable;
using Azure.Data.Tables;
using TeamsPolicyBot.Delivery;
using TeamsPolicyBot.Records;
using TeamsPolicyBot.Storage;
namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>
/// The request row. Details, decision, card location and audit are JSON columns; the plain
/// columns beside them (status, requester, platform, handle, unit) exist for people browsing the
/// table and for future filters. The design's length limits keep details far below 64 KiB; the
/// audit grows with each round of changes: past <see cref="AccountRequest.AuditBound"/> its oldest entries move to child
/// rows <c>request-{reference}.audit.…</c>, and what stays may spread over several columns.
/// </summary>
internal static class AccountRequestRow
{
    private const string Audit = nameof(AccountRequest.Audit);
    private const string Notes = nameof(AccountRequest.Notes);

    public static TableEntity ToEntity(AccountRequest request)
    {
        var entity = new TableEntity(AccountRequestKeys.Partition, AccountRequestKeys.RequestRow(request.Reference))
        {
            [nameof(AccountRequest.Reference)] = request.Reference,
            [nameof(AccountRequest.Version)] = request.Version,
            [nameof(AccountRequest.Status)] = request.Status.ToString(),
            ["RequesterAadObjectId"] = request.Requester.AadObjectId,
            ["RequesterTeamsUserId"] = request.Requester.TeamsUserId,
            ["RequesterName"] = request.Requester.Name,
            ["RequesterEmail"] = request.Requester.Email,
            ["Platform"] = request.Details.PlatformName,
            ["Handle"] = request.Details.Handle,
            ["UnitName"] = request.Details.UnitName,
            [nameof(AccountRequest.Details)] = RecordColumns.ToJson(request.Details),
            [nameof(AccountRequest.PreviousDetails)] = RecordColumns.ToJson(request.PreviousDetails),
            [nameof(AccountRequest.CreatedAt)] = request.CreatedAt,
            [nameof(AccountRequest.UpdatedAt)] = request.UpdatedAt,
            [nameof(AccountRequest.SubmissionId)] = request.SubmissionId,
            [nameof(AccountRequest.Decision)] = RecordColumns.ToJson(request.Decision),
            [nameof(AccountRequest.ApprovalCard)] = RecordColumns.ToJson(request.ApprovalCard),
        };
        entity[nameof(AccountRequest.EarlierAudit)] = request.EarlierAudit;
        RecordColumns.WriteChunked(entity, Audit, RecordColumns.ToJson(request.Audit)!);
        entity[nameof(AccountRequest.EarlierNotes)] = request.EarlierNotes;
        RecordColumns.WriteChunked(entity, Notes, RecordColumns.ToJson(request.Notes)!);
        return entity;
    }

    public static AccountRequest FromEntity(TableEntity entity) => new()
    {
        Reference = entity.GetString(nameof(AccountRequest.Reference)),
        Version = entity.GetInt32(nameof(AccountRequest.Version)) ?? 1,
        Status = Enum.Parse<AccountRequestStatus>(entity.GetString(nameof(AccountRequest.Status))),
        Requester = new Requester(
            entity.GetString("RequesterAadObjectId"),
            entity.GetString("RequesterTeamsUserId"),
            entity.GetString("RequesterName"),
            entity.GetString("RequesterEmail")),
        Details = RecordColumns.FromJson<AccountRequestDetails>(entity.GetString(nameof(AccountRequest.Details)))
            ?? throw new InvalidOperationException($"Account request row {entity.RowKey} has no details."),
        // Rows written before the previous version was kept have no such column: null, and the card lists no changes.
        PreviousDetails = RecordColumns.FromJson<AccountRequestDetails>(entity.GetString(nameof(AccountRequest.PreviousDetails))),
        CreatedAt = entity.GetDateTimeOffset(nameof(AccountRequest.CreatedAt)) ?? default,
        UpdatedAt = entity.GetDateTimeOffset(nameof(AccountRequest.UpdatedAt)) ?? default,
        SubmissionId = entity.GetString(nameof(AccountRequest.SubmissionId)),
        Decision = RecordColumns.FromJson<Decision>(entity.GetString(nameof(AccountRequest.Decision))),
        ApprovalCard = RecordColumns.FromJson<MessageLocation>(entity.GetString(nameof(AccountRequest.ApprovalCard))),
        Audit = RecordColumns.FromJson<ImmutableList<AuditEntry>>(RecordColumns.ReadChunked(entity, Audit)) ?? [],
        EarlierAudit = entity.GetInt32(nameof(AccountRequest.EarlierAudit)) ?? 0,

        // Rows written before notes existed have no such columns: no notes.
        Notes = entity.ContainsKey(Notes) ? RecordColumns.FromJson<ImmutableList<CommsNote>>(RecordColumns.ReadChunked(entity, Notes)) ?? [] : [],
        EarlierNotes = entity.GetInt32(nameof(AccountRequest.EarlierNotes)) ?? 0,
    };
}
