package io.cleanercontext.telemetry;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of every stored result: completed turns by status, role and level, cleaning time by
 * role, time per engine stage, corrections by reason. A result names about twenty stages, so each
 * family keeps its meters in a map of its own, keyed by the value as the result holds it: no key
 * string is built and no registry look-up (which builds an id and sorts its tags) is made per
 * result, only a hash of a string whose hash the JVM already keeps.
 */
final class TurnMeters {
  private final MeterRegistry registry;
  private final Map<Speaker, DistributionSummary> processing = new EnumMap<>(Speaker.class);
  private final Map<TurnStatus, Map<Speaker, Map<String, Counter>>> completed =
      new EnumMap<>(TurnStatus.class);
  private final Map<String, DistributionSummary> stages = new ConcurrentHashMap<>();
  private final Map<String, Counter> corrections = new ConcurrentHashMap<>();

  /**
   * @param percentiles the processing summaries' published percentiles
   * @param window the time those percentiles cover
   */
  TurnMeters(MeterRegistry registry, double[] percentiles, Duration window) {
    this.registry = registry;
    for (Speaker role : Speaker.values()) {
      processing.put(
          role,
          DistributionSummary.builder("cc.turn.processing.ms")
              .description("Cleaning time per turn")
              .tag("role", role.wireName())
              .publishPercentiles(percentiles)
              .distributionStatisticExpiry(window)
              .register(registry));
    }
    for (TurnStatus status : TurnStatus.values()) {
      Map<Speaker, Map<String, Counter>> byRole = new EnumMap<>(Speaker.class);
      for (Speaker role : Speaker.values()) {
        byRole.put(role, new ConcurrentHashMap<>());
      }
      completed.put(status, byRole);
    }
  }

  DistributionSummary processing(Speaker role) {
    return processing.get(role);
  }

  /** A stored result: counts by status/role/level, processing time, stage times and corrections. */
  void record(StoredTurn turn) {
    JsonObject metadata = turn.metadata();
    String level = metadata == null ? "none" : metadata.getString("cleaning_level", "none");
    completed
        .get(turn.status())
        .get(turn.role())
        .computeIfAbsent(
            level,
            l ->
                registry.counter(
                    "cc.turns.completed",
                    "status",
                    turn.status().wireName(),
                    "role",
                    turn.role().wireName(),
                    "level",
                    l))
        .increment();
    if (metadata == null || !(metadata.getValue("processing_time_ms") instanceof Number time)) {
      return;
    }
    processing.get(turn.role()).record(time.doubleValue());
    if (metadata.getValue("timing_breakdown") instanceof JsonObject timings) {
      for (Map.Entry<String, Object> stage : timings.getMap().entrySet()) {
        if (stage.getValue() instanceof Number ms) {
          stages
              .computeIfAbsent(
                  stage.getKey(), s -> registry.summary("cc.cleaning.stage.ms", "stage", s))
              .record(ms.doubleValue());
        }
      }
    }
    if (metadata.getValue("corrections") instanceof JsonArray list) {
      for (int i = 0; i < list.size(); i++) {
        // getValue wraps a nested map as a JsonObject, however the result was built.
        String reason =
            list.getValue(i) instanceof JsonObject json
                ? reasonTag(json.getString("reason", "other"))
                : "other";
        corrections
            .computeIfAbsent(reason, r -> registry.counter("cc.cleaning.corrections", "reason", r))
            .increment();
      }
    }
  }

  /** Correction reasons are short fixed labels; anything else is folded so tags stay bounded. */
  static String reasonTag(String reason) {
    int colon = reason.indexOf(':');
    String head = colon > 0 ? reason.substring(0, colon) : reason;
    return head.length() > 40 ? "other" : head;
  }
}
