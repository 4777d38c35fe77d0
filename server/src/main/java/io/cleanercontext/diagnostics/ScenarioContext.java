package io.cleanercontext.diagnostics;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.queue.client.QueueProbe;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * What the scenarios of one run share: the application's configuration, the client of its own port,
 * and the scratch conversation once {@link ScratchConversationScenario} has created it.
 */
final class ScenarioContext {
  private final Vertx vertx;
  private final RunSettings config;
  private final DiagnosticsClient client;
  private final String runId;
  private final ProductMetrics metrics;
  private String conversationId;

  ScenarioContext(
      Vertx vertx,
      RunSettings config,
      DiagnosticsClient client,
      String runId,
      ProductMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.config = config;
    this.client = client;
    this.runId = runId;
  }

  Vertx vertx() {
    return vertx;
  }

  /** The settings the run was deployed with. */
  RunSettings config() {
    return config;
  }

  /**
   * One round trip to the queue backend the node runs, on a client of its own that is closed after
   * ({@link JobQueue#probe()}).
   */
  Future<QueueProbe> probeQueue() {
    return JobQueues.open(vertx, config.queue().withRedisPoolSize(1), config.shards(), metrics)
        .compose(queue -> queue.probe().eventually(queue::close));
  }

  DiagnosticsClient client() {
    return client;
  }

  String runId() {
    return runId;
  }

  /** The scratch conversation's id, or null before it exists (or when it could not be made). */
  String conversationId() {
    return conversationId;
  }

  void conversationId(String id) {
    conversationId = id;
  }

  String turnsPath() {
    return "/api/v1/conversations/" + conversationId + "/turns";
  }

  /** The performance target named, in ms. */
  double target(String name) {
    return config.metrics().target(name);
  }

  Future<JsonObject> queueStatus() {
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.QUEUE_STATUS, new JsonObject(), new DeliveryOptions().setSendTimeout(2_000))
        .map(m -> m.body());
  }
}
