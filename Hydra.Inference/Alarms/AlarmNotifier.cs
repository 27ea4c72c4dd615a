using Hydra.Shared;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hydra.Core.Monitoring;
using Hydra.Inference.Data;
using Hydra.Inference.Tell;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hydra.Inference.Alarms;

/// <summary>
/// Delivers alarm notifications to the configured webhooks as JSON POSTs. Each delivery is a row
/// (written with the alarm), so retries survive a restart; failures back off exponentially up to
/// <see cref="AlarmNotificationOptions.MaxRetryAfter"/>, then the row is abandoned with the reason.
/// Rows are leased with FOR UPDATE SKIP LOCKED, so replicas never send the same one twice at once.
/// </summary>
public sealed class AlarmNotifier(
    MigrationProgress<MonitoringDb> migrations,
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IOptionsMonitor<HydraOptions> options,
    ILogger<AlarmNotifier> logger) : BackgroundService
{
    public const string HttpClientName = "alarm-webhooks";
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Called after a commit that raised or cleared alarms: deliver now, not at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <summary>The body of a webhook POST.</summary>
    public sealed record AlarmNotice(string Event, AlarmView Alarm, string Source = "hydra");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrations.WhenDoneAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning("Alarm notifications paused: {Reason}", exception.Message);
            }
            if (sent == 0) await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>How long a claimed delivery is reserved for the replica sending it; past that another may retry it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Attempts every due delivery once; returns how many it attempted. Rows are claimed first (their
    /// next attempt pushed out by a lease, committed at once), then sent with no transaction open, so
    /// a slow receiver never holds locks; a replica that dies mid-send leaves rows the lease frees.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Alarms;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDb>();
        var now = DateTimeOffset.UtcNow;
        var leased = now + Lease;
        var claimed = await db.Database.SqlQuery<long>(
            $"""
            UPDATE alarm_notifications SET next_attempt_at = {leased}
            WHERE id IN (SELECT id FROM alarm_notifications
                         WHERE delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= {now}
                         ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0) return 0;

        var due = await db.AlarmNotifications.Where(n => claimed.Contains(n.Id)).ToListAsync(cancellationToken);
        var alarmIds = due.Select(d => d.AlarmId).Distinct().ToList();
        var alarms = await AlarmViews.Views(db, db.Alarms.Where(a => alarmIds.Contains(a.Id))).ToDictionaryAsync(a => a.AlarmId, cancellationToken);
        foreach (var delivery in due)
        {
            await AttemptAsync(delivery, alarms[delivery.AlarmId], settings, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    private async Task AttemptAsync(AlarmNotification delivery, AlarmView alarm, AlarmNotificationOptions settings, CancellationToken cancellationToken)
    {
        delivery.Attempts++;
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new AlarmNotice(delivery.Event, alarm), HydraJson.Options);
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Webhook) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Hydra-Event", $"alarm-{delivery.Event}");
            if (!string.IsNullOrEmpty(settings.WebhookSecret))
            {
                var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(settings.WebhookSecret), body);
                request.Headers.Add("X-Hydra-Signature", $"sha256={Convert.ToHexStringLower(signature)}");
            }

            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                delivery.DeliveredAt = DateTimeOffset.UtcNow;
                delivery.LastError = null;
                return;
            }
            Failed(delivery, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", settings);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            Failed(delivery, exception.Message, settings);
        }
    }

    private void Failed(AlarmNotification delivery, string reason, AlarmNotificationOptions settings)
    {
        delivery.LastError = reason.Length > 500 ? reason[..500] : reason;
        if (delivery.Attempts >= settings.MaxAttempts)
        {
            delivery.AbandonedAt = DateTimeOffset.UtcNow;
            logger.LogError("Gave up notifying {Webhook} of alarm {AlarmId} after {Attempts} attempts: {Reason}",
                delivery.Webhook, delivery.AlarmId, delivery.Attempts, reason);
            return;
        }
        var backOff = RetryDelay(delivery.Attempts, settings);
        delivery.NextAttemptAt = DateTimeOffset.UtcNow + backOff;
        logger.LogWarning("Webhook {Webhook} refused alarm {AlarmId} ({Reason}); retry {Attempt} in {Delay}",
            delivery.Webhook, delivery.AlarmId, reason, delivery.Attempts + 1, backOff);
    }

    /// <summary>1 s, 2 s, 4 s, ... capped: quick enough for a blip, gentle on a receiver that is down.</summary>
    public static TimeSpan RetryDelay(int attempts, AlarmNotificationOptions settings)
    {
        var delay = settings.FirstRetryAfter * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay < settings.MaxRetryAfter ? delay : settings.MaxRetryAfter;
    }
}
