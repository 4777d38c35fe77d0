package io.cleanercontext.diagnostics;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * Runs the diagnostics suite on request ({@code diagnostics.run}, from the HTTP API or a bridge):
 * one run at a time, at most one per {@code min_interval_ms}, each bounded by {@code
 * time_limit_ms}; keeps the last reports for {@code diagnostics.last}.
 */
public final class DiagnosticsVerticle extends VerticleBase {
  private static final int HISTORY = 10;

  private final RunSettings config;
  private final InternalKey internalKey;
  private final ProductMetrics metrics;
  private final Deque<JsonObject> history = new ArrayDeque<>();
  private boolean running;
  private long lastStartedAt;

  /**
   * @param config the diagnostics' limits and what a run reaches and checks
   * @param internalKey the process's key, with which the runs sign their calls to the API
   * @param metrics the process's meters (the queue probe's client records into them)
   */
  public DiagnosticsVerticle(RunSettings config, InternalKey internalKey, ProductMetrics metrics) {
    this.config = config;
    this.internalKey = internalKey;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    var run = vertx.eventBus().<Object>consumer(Addresses.DIAGNOSTICS_RUN, this::run);
    var last =
        vertx
            .eventBus()
            .<Object>consumer(
                Addresses.DIAGNOSTICS_LAST,
                msg ->
                    msg.reply(
                        new JsonObject()
                            .put("running", running)
                            .put("last", history.peekFirst())
                            .put(
                                "history",
                                new JsonArray(
                                    history.stream().map(DiagnosticsVerticle::summary).toList()))));
    return Future.all(run.completion(), last.completion());
  }

  private void run(Message<Object> msg) {
    if (running) {
      msg.fail(ErrorCode.CONFLICT.code(), "a diagnostics run is already in progress");
      return;
    }
    long minInterval = config.diagnostics().minIntervalMs();
    long wait = lastStartedAt + minInterval - System.currentTimeMillis();
    if (wait > 0) {
      msg.fail(
          ErrorCode.TOO_MANY_REQUESTS.code(),
          "diagnostics may run once every " + minInterval + " ms; retry in " + wait + " ms");
      return;
    }
    running = true;
    lastStartedAt = System.currentTimeMillis();
    DiagnosticsRun suite = new DiagnosticsRun(vertx, config, internalKey, metrics);
    long limit = config.diagnostics().timeLimitMs();
    suite
        .execute(limit)
        .onComplete(
            ar -> {
              running = false;
              JsonObject report =
                  ar.succeeded()
                      ? ar.result()
                      : new JsonObject()
                          .put("id", UUID.randomUUID().toString())
                          .put("started_at", Instant.ofEpochMilli(lastStartedAt).toString())
                          .put("duration_ms", System.currentTimeMillis() - lastStartedAt)
                          .put("passed", false)
                          .put("scenarios", new JsonArray())
                          .put("detail", "the run failed: " + ar.cause().getMessage());
              history.addFirst(report);
              while (history.size() > HISTORY) {
                history.removeLast();
              }
              msg.reply(report);
            });
  }

  private static JsonObject summary(JsonObject report) {
    return new JsonObject()
        .put("id", report.getString("id"))
        .put("started_at", report.getString("started_at"))
        .put("duration_ms", report.getLong("duration_ms"))
        .put("passed", report.getBoolean("passed"))
        .put(
            "failed",
            report.getJsonArray("scenarios", new JsonArray()).stream()
                .map(s -> (JsonObject) s)
                .filter(s -> !s.getBoolean("passed"))
                .map(s -> s.getString("name"))
                .toList());
  }
}
