package io.cleanercontext.diagnostics;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.security.InternalKey;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One run of the diagnostics suite, driven through the product's own public interfaces (HTTP and
 * WebSocket on its own port) inside a scratch conversation that is deleted at the end, so it
 * measures what a client would see and leaves nothing behind. This class only sequences the
 * scenarios, each within what is left of the time limit, publishes their progress and reports their
 * results; what each checks is in its own class.
 */
final class DiagnosticsRun {
  /** The scenarios, in the order they run and are reported. */
  static final List<DiagnosticScenario> SCENARIOS =
      List.of(
          new ScratchConversationScenario(),
          new AiTurnBypassScenario(),
          new UserTurnCleaningScenario(),
          new RealtimePathScenario(),
          new ResumeScenario(),
          new DependenciesScenario());

  private final Vertx vertx;
  private final String id = UUID.randomUUID().toString();
  private final DiagnosticsClient client;
  private final ScenarioContext context;
  private final List<ScenarioResult> results = new ArrayList<>();
  private long deadline;

  DiagnosticsRun(Vertx vertx, RunSettings config, InternalKey internalKey, ProductMetrics metrics) {
    this.vertx = vertx;
    long requestTimeout = config.diagnostics().requestTimeoutMs();
    this.client = new DiagnosticsClient(vertx, config.http(), requestTimeout, internalKey);
    this.context = new ScenarioContext(vertx, config, client, id, metrics);
  }

  Future<JsonObject> execute(long timeLimitMs) {
    long started = System.currentTimeMillis();
    deadline = started + timeLimitMs;
    Future<Void> suite = Future.succeededFuture();
    for (DiagnosticScenario scenario : SCENARIOS) {
      suite = suite.compose(v -> step(scenario));
    }
    return suite
        .transform(ar -> cleanUp())
        .map(
            v -> {
              JsonArray list = new JsonArray();
              results.forEach(s -> list.add(s.toJson()));
              boolean passed = results.stream().allMatch(s -> s.passed);
              client.close();
              return new JsonObject()
                  .put("id", id)
                  .put("started_at", Instant.ofEpochMilli(started).toString())
                  .put("finished_at", Instant.now().toString())
                  .put("duration_ms", System.currentTimeMillis() - started)
                  .put("passed", passed)
                  .put("scenarios", list);
            });
  }

  /** Runs one scenario within what is left of the time limit; a failure is recorded, not thrown. */
  private Future<Void> step(DiagnosticScenario scenario) {
    ScenarioResult result = new ScenarioResult(scenario.name(), scenario.description());
    results.add(result);
    result.startedAt = System.currentTimeMillis();
    progress(result, "started");
    long left = deadline - result.startedAt;
    Future<Void> outcome;
    if (left <= 0) {
      outcome = Future.failedFuture("the run's time limit was reached before this scenario");
    } else if (context.conversationId() == null && scenario.needsScratchConversation()) {
      outcome = Future.failedFuture("no scratch conversation to run in");
    } else {
      Promise<Void> bounded = Promise.promise();
      long timer = vertx.setTimer(left, t -> bounded.tryFail("the run's time limit was reached"));
      scenario
          .run(context, result)
          .onComplete(
              ar -> {
                vertx.cancelTimer(timer);
                if (ar.succeeded()) {
                  bounded.tryComplete();
                } else {
                  bounded.tryFail(ar.cause());
                }
              });
      outcome = bounded.future();
    }
    return outcome.transform(
        ar -> {
          if (ar.failed()) {
            result.fail(ar.cause().getMessage());
          }
          result.durationMs = System.currentTimeMillis() - result.startedAt;
          progress(result, "finished");
          return Future.succeededFuture();
        });
  }

  private void progress(ScenarioResult result, String state) {
    vertx
        .eventBus()
        .publish(
            Addresses.DIAGNOSTICS_PROGRESS,
            new JsonObject()
                .put("run_id", id)
                .put("scenario", result.name)
                .put("state", state)
                .put("scenario_result", state.equals("finished") ? result.toJson() : null));
  }

  /** Deletes the scratch conversation (and by cascade its turns), whatever happened before. */
  private Future<Void> cleanUp() {
    if (context.conversationId() == null) {
      return Future.succeededFuture();
    }
    return client
        .delete("/api/v1/conversations/" + context.conversationId())
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }
}
