package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code diagnostics} section.
 *
 * @param minIntervalMs the least time between two runs (0: no limit)
 * @param timeLimitMs how long one run may take
 * @param requestTimeoutMs how long one request of a run may take
 */
public record DiagnosticsSettings(long minIntervalMs, long timeLimitMs, long requestTimeoutMs) {

  public static DiagnosticsSettings from(JsonObject section) {
    SectionReader s = new SectionReader("diagnostics", section);
    return new DiagnosticsSettings(
        s.longValue("min_interval_ms", 10_000L, 0, Long.MAX_VALUE),
        s.longValue("time_limit_ms", 30_000L, 1, Long.MAX_VALUE),
        s.longValue("request_timeout_ms", 3_000L, 1, Long.MAX_VALUE));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("min_interval_ms", minIntervalMs)
        .put("time_limit_ms", timeLimitMs)
        .put("request_timeout_ms", requestTimeoutMs);
  }
}
