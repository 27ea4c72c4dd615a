using Hydra.Core.Accounts;
using Hydra.Web.Monitoring;

namespace Hydra.Web.Accounts;

/// <summary>
/// Accounts and ingest keys live in Inference's database, so Web asks Inference's API for them
/// (ARCHITECTURE.md: no service reads another's database). Inference checks the Admin role itself.
/// </summary>
public sealed class AccountsApi(InferenceApi inference)
{
    public Task<ApiResult<AccountView?>> CheckPasswordAsync(string userName, string password, CancellationToken ct) =>
        inference.SendAsync<AccountView>(HttpMethod.Post, "/api/v1/accounts/password-check", new PasswordCheck(userName, password), ct);

    public Task<ApiResult<AccountView?>> AccountAsync(string userName, CancellationToken ct) =>
        inference.GetAsync<AccountView>($"/api/v1/accounts/{Uri.EscapeDataString(userName)}", ct);

    public Task<ApiResult<List<AccountView>?>> AccountsAsync(CancellationToken ct) => inference.GetAsync<List<AccountView>>("/api/v1/accounts", ct);

    public Task<ApiResult<AccountView?>> SaveAccountAsync(AccountRequest request, CancellationToken ct) =>
        inference.SendAsync<AccountView>(HttpMethod.Put, $"/api/v1/accounts/{Uri.EscapeDataString(request.UserName)}", request, ct);

    public Task<ApiResult<List<IngestKeyView>?>> IngestKeysAsync(CancellationToken ct) => inference.GetAsync<List<IngestKeyView>>("/api/v1/ingest-keys", ct);

    public Task<ApiResult<IngestKeyCreated?>> CreateIngestKeyAsync(string name, CancellationToken ct) =>
        inference.SendAsync<IngestKeyCreated>(HttpMethod.Post, "/api/v1/ingest-keys", new IngestKeyRequest(name), ct);

    public Task<ApiResult<IngestKeyView?>> RevokeIngestKeyAsync(long id, CancellationToken ct) =>
        inference.SendAsync<IngestKeyView>(HttpMethod.Delete, $"/api/v1/ingest-keys/{id}", null, ct);
}
