package io.cleanercontext.queue;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One per node that runs queue workers: serves {@code queue.status} (the queue's partitions, dead
 * letters and every worker of every node) and {@code queue.control} (start, or stop and drain, all
 * workers cluster-wide). It reaches the workers over their node-qualified addresses listed in
 * {@link WorkerRegistry}; a cluster-wide stop is remembered so a take-over does not restart stopped
 * workers.
 */
public final class QueueControlVerticle extends VerticleBase {
  private static final long CONTROL_TIMEOUT_MS = 60_000;
  private static final long STATUS_TIMEOUT_MS = 5_000;

  private final QueueSettings queueConfig;
  private final int shards;
  private JobQueue queue;
  private final ProductMetrics metrics;

  /**
   * @param queueConfig the queue settings, with the effective backend
   * @param metrics the process's meters
   */
  public QueueControlVerticle(QueueSettings queueConfig, int shards, ProductMetrics metrics) {
    this.queueConfig = queueConfig;
    this.shards = shards;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return JobQueues.open(vertx, queueConfig, shards, metrics)
        .compose(
            q -> {
              queue = q;
              return Future.all(
                  vertx
                      .eventBus()
                      .<JsonObject>consumer(Addresses.QUEUE_STATUS, this::status)
                      .completion(),
                  vertx
                      .eventBus()
                      .<JsonObject>consumer(Addresses.QUEUE_CONTROL, this::control)
                      .completion());
            });
  }

  @Override
  public Future<?> stop() {
    return queue == null ? Future.succeededFuture() : queue.close();
  }

  private void control(Message<JsonObject> msg) {
    String action = msg.body().getString("action", "status");
    Future<Void> flag =
        vertx.isClustered() && ("stop".equals(action) || "start".equals(action))
            ? WorkerRegistry.setClusterRunning(vertx, "start".equals(action))
            : Future.succeededFuture();
    flag.compose(v -> WorkerRegistry.requestAll(vertx, msg.body(), CONTROL_TIMEOUT_MS))
        .compose(this::overallStatus)
        .onComplete(ar -> reply(msg, ar));
  }

  private void status(Message<JsonObject> msg) {
    WorkerRegistry.requestAll(vertx, new JsonObject().put("action", "status"), STATUS_TIMEOUT_MS)
        .compose(this::overallStatus)
        .onComplete(ar -> reply(msg, ar));
  }

  private static void reply(Message<JsonObject> msg, AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      msg.reply(ar.result());
    } else {
      msg.fail(ErrorCode.UNAVAILABLE.code(), ar.cause().getMessage());
    }
  }

  private Future<JsonObject> overallStatus(List<JsonObject> workerReplies) {
    List<Future<JsonObject>> parts = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      parts.add(queue.partitionStatus(p));
    }
    Future<Long> dead = queue.deadLetterCount();
    return Future.all(Future.all(parts), dead)
        .map(
            v -> {
              JsonArray partitionsJson = new JsonArray();
              long length = 0;
              long queued = 0;
              for (Future<JsonObject> part : parts) {
                partitionsJson.add(part.result());
                length += part.result().getLong("length");
                queued += part.result().getLong("in_flight");
              }
              boolean allRunning = true;
              boolean anyDraining = false;
              int runningWorkers = 0;
              JsonArray workers = new JsonArray();
              for (JsonObject w : workerReplies) {
                workers.add(w);
                allRunning &= w.getBoolean("running");
                anyDraining |= "draining".equals(w.getString("state"));
                runningWorkers += w.getBoolean("running") ? 1 : 0;
              }
              return metrics
                  .queueStatus()
                  .put("backend", queue.name())
                  .put("running", allRunning)
                  .put("state", allRunning ? "running" : anyDraining ? "draining" : "stopped")
                  .put("workers", runningWorkers)
                  .put("worker_instances", workers)
                  .put("partitions", partitionsJson)
                  .put("length", length)
                  .put("in_flight", queued)
                  .put("dead_lettered", dead.result())
                  .put("at", Instant.now().toString());
            });
  }
}
