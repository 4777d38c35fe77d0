package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code webhooks} section: outbound deliveries to the tenants' endpoints.
 *
 * @param enabled whether this node runs a sender (every node may: each delivery is leased by one)
 * @param allowPrivateDestinations whether endpoints on loopback, private, link-local or other
 *     non-public addresses are allowed (off in production: a tenant must not reach the server's own
 *     network through it; tests and a single-machine demo turn it on)
 * @param pollIntervalMs how often the sender looks for due deliveries
 * @param requestTimeoutMs how long one attempt may take before it counts as failed
 * @param retryBaseMs the delay before the second attempt; each further one doubles it (with jitter)
 * @param retryMaxDelayMs the longest delay between two attempts
 * @param retryWindowMs how long after the event attempts go on; then the delivery is a dead letter
 * @param disableAfterMs an endpoint whose attempts have all failed for this long is disabled
 * @param leaseMs how long a node holds the deliveries it leased before another may take them
 * @param maxLines how many conversation lines one node sends at once
 * @param idleCompleteMs a conversation with no new turn for this long is completed (0: never)
 * @param retentionMs how long delivered and dead deliveries (with their attempt logs) are kept
 */
public record WebhookSettings(
    boolean enabled,
    boolean allowPrivateDestinations,
    long pollIntervalMs,
    long requestTimeoutMs,
    long retryBaseMs,
    long retryMaxDelayMs,
    long retryWindowMs,
    long disableAfterMs,
    long leaseMs,
    int maxLines,
    long idleCompleteMs,
    long retentionMs) {

  public static WebhookSettings from(JsonObject section) {
    SectionReader s = new SectionReader("webhooks", section);
    long timeout = s.longValue("request_timeout_ms", 10_000L, 100, 120_000);
    long lease = s.longValue("lease_ms", 60_000L, 1_000, 3_600_000);
    if (lease <= timeout) {
      throw new ConfigException(
          "webhooks.lease_ms ("
              + lease
              + ") must be longer than request_timeout_ms ("
              + timeout
              + ")");
    }
    return new WebhookSettings(
        s.bool("enabled", true),
        s.bool("allow_private_destinations", false),
        s.longValue("poll_interval_ms", 50L, 5, 60_000),
        timeout,
        s.longValue("retry_base_ms", 5_000L, 10, 3_600_000),
        s.longValue("retry_max_delay_ms", 3 * 3_600_000L, 10, 86_400_000),
        s.longValue("retry_window_ms", 86_400_000L, 100, 7 * 86_400_000L),
        s.longValue("disable_after_ms", 3 * 86_400_000L, 100, 30 * 86_400_000L),
        lease,
        s.integer("max_lines", 256, 1, 100_000),
        s.longValue("idle_complete_ms", 0L, 0, 7 * 86_400_000L),
        s.longValue("retention_ms", 7 * 86_400_000L, 1_000, 365 * 86_400_000L));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("enabled", enabled)
        .put("allow_private_destinations", allowPrivateDestinations)
        .put("poll_interval_ms", pollIntervalMs)
        .put("request_timeout_ms", requestTimeoutMs)
        .put("retry_base_ms", retryBaseMs)
        .put("retry_max_delay_ms", retryMaxDelayMs)
        .put("retry_window_ms", retryWindowMs)
        .put("disable_after_ms", disableAfterMs)
        .put("lease_ms", leaseMs)
        .put("max_lines", maxLines)
        .put("idle_complete_ms", idleCompleteMs)
        .put("retention_ms", retentionMs);
  }
}
