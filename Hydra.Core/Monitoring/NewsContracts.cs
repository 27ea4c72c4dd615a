namespace Hydra.Core.Monitoring;

/// <summary>A banner on the Run page ("ECAL sector 2 HV board 6 is known dead until the access").</summary>
public sealed record NewsItemView(long NewsId, string Title, string? Body, string PostedBy, DateTimeOffset PostedAt, DateTimeOffset? ExpiresAt);

public sealed record NewsItemRequest(string Title, string? Body, string PostedBy, DateTimeOffset? ExpiresAt);
