package io.cleanercontext.queue.client;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Opens the backend named by the queue settings. */
public final class JobQueues {
  private JobQueues() {}

  /**
   * {@code queue.backend} is the effective backend decided at start-up by the main verticle; the
   * in-memory one is a client of this process's {@link InMemoryQueueVerticle}, deployed before.
   */
  public static Future<JobQueue> open(
      Vertx vertx, QueueSettings settings, int partitions, ProductMetrics metrics) {
    if (settings.redis()) {
      return RedisJobQueue.connect(
              vertx,
              settings.redisUrl(),
              partitions,
              settings.redisPrefix(),
              settings.redisPoolSize(),
              metrics)
          .map(q -> (JobQueue) q);
    }
    return Future.succeededFuture(new InMemoryQueueClient(vertx));
  }
}
