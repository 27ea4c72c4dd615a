namespace Hydra.Core.Accounts;

/// <summary>Web asks Inference whether a local account's password is right (Inference owns the accounts).</summary>
public sealed record PasswordCheck(string UserName, string Password);

/// <summary>A person as Web's cookie and the admin page see them.</summary>
public sealed record AccountView(string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> LabelScopes, bool Disabled);

/// <summary>Create or change an account; a null password leaves it unchanged (required to create).</summary>
public sealed record AccountRequest(string UserName, string? Password, IReadOnlyList<string> Roles, IReadOnlyList<string> LabelScopes, bool Disabled = false);

/// <summary>An ingest API key as listed: never the key itself, which is shown once at creation.</summary>
public sealed record IngestKeyView(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

public sealed record IngestKeyRequest(string Name);

/// <summary>The one time the key is seen: give it to the source now, Hydra keeps only its hash.</summary>
public sealed record IngestKeyCreated(long Id, string Name, string Key);
