package io.cleanercontext.queue.client;

import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Opens the backend named by a verticle's queue config slice. */
public final class JobQueues {
  private JobQueues() {}

  /**
   * {@code queue.backend} is the effective backend decided at start-up by the main verticle; the
   * in-memory one is a client of this process's {@link InMemoryQueueVerticle}, deployed before.
   */
  public static Future<JobQueue> open(
      Vertx vertx, JsonObject queueConfig, int partitions, ProductMetrics metrics) {
    if ("redis".equals(queueConfig.getString("backend"))) {
      return RedisJobQueue.connect(
              vertx,
              queueConfig.getString("redis_url"),
              partitions,
              queueConfig.getString("redis_prefix", "cc:jobs:"),
              queueConfig.getInteger("redis_pool_size", 16),
              metrics)
          .map(q -> (JobQueue) q);
    }
    return Future.succeededFuture(new InMemoryQueueClient(vertx));
  }
}
