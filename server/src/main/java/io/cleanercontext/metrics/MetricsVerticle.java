package io.cleanercontext.metrics;

import io.cleanercontext.config.MetricsSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.telemetry.Percentiles;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a metrics snapshot every second ({@code metrics.snapshot}): throughput, latency
 * percentiles, queue, connections, errors, JVM; checks the performance targets and raises an alert
 * when one stays missed for the configured time, clearing it when met again.
 */
public final class MetricsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsVerticle.class);

  private final MetricsSettings config;
  private final ProductMetrics metrics;
  private JsonObject latest = new JsonObject();
  private JsonObject queue = new JsonObject();
  private double lastCompleted;
  private long lastAt = System.currentTimeMillis();
  private final Map<String, Long> missedSince = new HashMap<>();
  private final Map<String, JsonObject> alerts = new HashMap<>();

  /**
   * @param config the metrics section
   * @param metrics the process's meters, which the snapshot reads
   */
  public MetricsVerticle(MetricsSettings config, ProductMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    latest = snapshot();
    vertx.setPeriodic(
        config.snapshotIntervalMs(),
        t -> {
          latest = snapshot();
          vertx.eventBus().publish(Addresses.METRICS_SNAPSHOT, latest);
        });
    var queueFeed =
        vertx
            .eventBus()
            .<JsonObject>consumer(Addresses.QUEUE_STATUS_FEED, msg -> queue = msg.body());
    var query =
        vertx.eventBus().<JsonObject>consumer(Addresses.METRICS_QUERY, msg -> msg.reply(latest));
    return Future.all(queueFeed.completion(), query.completion());
  }

  private JsonObject snapshot() {
    long now = System.currentTimeMillis();
    double completed = metrics.count("cc.turns.completed");
    double throughput = (completed - lastCompleted) * 1000.0 / Math.max(1, now - lastAt);
    lastCompleted = completed;
    lastAt = now;
    JsonObject latency =
        new JsonObject()
            .put("queue_wait", Percentiles.of(metrics.queueWaitTimer()))
            .put(
                "processing",
                Percentiles.of(
                    metrics.processingSummary(Speaker.USER).takeSnapshot().percentileValues()))
            .put(
                "processing_ai",
                Percentiles.of(
                    metrics.processingSummary(Speaker.AI).takeSnapshot().percentileValues()))
            .put("delivery", Percentiles.of(metrics.deliveryTimer()))
            .put("end_to_end", Percentiles.of(metrics.endToEndTimer()));
    JsonArray targets = targets(latency, now);
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new JsonObject()
        .put("timestamp", Instant.ofEpochMilli(now).toString())
        .put("throughput_per_s", Math.round(throughput * 10) / 10.0)
        .put(
            "turns",
            new JsonObject()
                .put("accepted", metrics.count("cc.turns.accepted"))
                .put(TurnStatus.CLEANED.wireName(), completed(TurnStatus.CLEANED))
                .put(TurnStatus.SKIPPED.wireName(), completed(TurnStatus.SKIPPED))
                .put(TurnStatus.FAILED.wireName(), completed(TurnStatus.FAILED)))
        .put("latency_ms", latency)
        .put("batches_ms", metrics.batchLatency())
        .put(
            "queue",
            new JsonObject()
                .put("length", queue.getLong("length", 0L))
                .put("in_flight", queue.getLong("in_flight", 0L))
                .put("workers", queue.getInteger("workers", 0))
                .put("running", queue.getBoolean("running", false))
                .put("backend", queue.getString("backend")))
        .put(
            "connections",
            new JsonObject()
                .put("websocket", metrics.webSockets().get())
                .put("bridge", metrics.bridgeSockets().get()))
        .put(
            "errors",
            new JsonObject()
                .put("failed_turns", completed(TurnStatus.FAILED))
                .put("retried", metrics.count("cc.queue.retried"))
                .put(
                    "slow_client_disconnects",
                    metrics.count("cc.realtime.slow_client_disconnects")))
        .put("targets", targets)
        .put("alerts", new JsonArray(List.copyOf(alerts.values())))
        .put(
            "jvm",
            new JsonObject()
                .put("heap_used_mb", heap.getUsed() / 1_048_576.0)
                .put("heap_max_mb", heap.getMax() / 1_048_576.0)
                .put("cpu_percent", cpuPercent()));
  }

  private JsonArray targets(JsonObject latency, long now) {

    Map<String, Double> actual = new HashMap<>();
    actual.put("websocket_delivery", p99(latency, "delivery"));
    actual.put("queue_time", p99(latency, "queue_wait"));
    actual.put("ai_turn_processing", p99(latency, "processing_ai"));
    actual.put("user_turn_processing", p99(latency, "processing"));
    JsonArray out = new JsonArray();
    for (Map.Entry<String, Double> entry : config.targetsMs().entrySet()) {
      String name = entry.getKey();
      double target = entry.getValue();
      Double value = actual.get(name);
      boolean met = value == null || value <= target;
      out.add(
          new JsonObject()
              .put("name", name)
              .put("target_ms", target)
              .put("actual_ms", value)
              .put("percentile", "p99")
              .put("met", met));
      track(name, met, target, value, now);
    }
    return out;
  }

  /**
   * An alert is raised once a target has been missed for {@code alert_after_ms}, cleared when met.
   */
  private void track(String name, boolean met, double target, Double value, long now) {
    if (met) {
      missedSince.remove(name);
      JsonObject cleared = alerts.remove(name);
      if (cleared != null) {
        LOG.info("Performance target {} met again ({} ms <= {} ms)", name, value, target);
        vertx
            .eventBus()
            .publish(
                Addresses.METRICS_ALERT,
                cleared
                    .copy()
                    .put("state", "cleared")
                    .put("cleared_at", Instant.ofEpochMilli(now).toString()));
      }
      return;
    }
    long since = missedSince.computeIfAbsent(name, k -> now);
    if (!alerts.containsKey(name) && now - since >= config.alertAfterMs()) {
      JsonObject alert =
          new JsonObject()
              .put("name", name)
              .put("state", "raised")
              .put(
                  "message", name + " p99 " + value + " ms exceeds the target of " + target + " ms")
              .put("since", Instant.ofEpochMilli(since).toString());
      alerts.put(name, alert);
      LOG.warn("Performance target missed: {}", alert.getString("message"));
      vertx.eventBus().publish(Addresses.METRICS_ALERT, alert);
    }
  }

  private static Double p99(JsonObject latency, String key) {
    JsonObject p = latency.getJsonObject(key);
    Double value = p == null ? null : p.getDouble("p99");
    return value == null || value == 0.0 ? null : value;
  }

  private static double cpuPercent() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuLoad() * 100.0);
    }
    return -1;
  }

  /** Turns stored with this status since start. */
  private double completed(TurnStatus status) {
    return metrics.count("cc.turns.completed", "status", status.wireName());
  }
}
