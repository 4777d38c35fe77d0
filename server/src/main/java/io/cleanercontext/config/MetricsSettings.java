package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metrics} section.
 *
 * @param snapshotIntervalMs how often the snapshot is taken and published
 * @param percentileWindowSeconds how far back the latency percentiles reach
 * @param prometheusPath where Prometheus scrapes
 * @param alertAfterMs how long a target must stay missed before it raises an alert
 * @param targetsMs the performance targets, in ms, by name ({@code websocket_delivery}, {@code
 *     queue_time}, {@code ai_turn_processing}, {@code user_turn_processing}); the profile may
 *     change or add some
 */
public record MetricsSettings(
    long snapshotIntervalMs,
    int percentileWindowSeconds,
    String prometheusPath,
    long alertAfterMs,
    Map<String, Double> targetsMs) {

  /** The targets of DESIGN.md, in its order; a profile's own names come after them. */
  private static final String[] TARGETS = {
    "websocket_delivery", "queue_time", "ai_turn_processing", "user_turn_processing"
  };

  private static final double[] TARGET_DEFAULTS_MS = {100, 100, 10, 500};

  public static MetricsSettings from(JsonObject section) {
    SectionReader s = new SectionReader("metrics", section);
    SectionReader targets = s.object("targets_ms");
    Map<String, Double> targetsMs = new LinkedHashMap<>();
    for (int i = 0; i < TARGETS.length; i++) {
      targetsMs.put(TARGETS[i], targets.decimal(TARGETS[i], TARGET_DEFAULTS_MS[i], 0));
    }
    for (String name : targets.json().fieldNames()) {
      targetsMs.put(name, targets.decimal(name, 0, 0));
    }
    String path = s.string("prometheus_path", "/metrics");
    if (!path.startsWith("/")) {
      throw new ConfigException("metrics.prometheus_path must start with '/', not '" + path + "'");
    }
    return new MetricsSettings(
        s.longValue("snapshot_interval_ms", 1000L, 1, Long.MAX_VALUE),
        s.integer("percentile_window_seconds", 60, 1, 86_400),
        path,
        s.longValue("alert_after_ms", 10_000L, 0, Long.MAX_VALUE),
        Collections.unmodifiableMap(targetsMs));
  }

  /** The target of that name, in ms. */
  public double target(String name) {
    Double target = targetsMs.get(name);
    if (target == null) {
      throw new IllegalArgumentException("no performance target named " + name);
    }
    return target;
  }

  public Duration percentileWindow() {
    return Duration.ofSeconds(percentileWindowSeconds);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("snapshot_interval_ms", snapshotIntervalMs)
        .put("percentile_window_seconds", percentileWindowSeconds)
        .put("prometheus_path", prometheusPath)
        .put("alert_after_ms", alertAfterMs)
        .put("targets_ms", new JsonObject(new LinkedHashMap<String, Object>(targetsMs)));
  }
}
