package io.cleanercontext.queue;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.support.TestRedis;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/** The Redis Streams backend against a real Redis, with stream keys of its own per test. */
class RedisJobQueueIT extends JobQueueContract {

  @Override
  Future<JobQueue> open(Vertx vertx) {
    return JobQueues.open(
        vertx,
        QueueSettings.from(
            new JsonObject()
                .put("backend", "redis")
                .put("redis_url", TestRedis.url())
                .put("redis_prefix", "cc:test:" + UUID.randomUUID() + ":")
                .put("redis_pool_size", 4)),
        PARTITIONS,
        ProductMetrics.create(Duration.ofMinutes(1)));
  }
}
