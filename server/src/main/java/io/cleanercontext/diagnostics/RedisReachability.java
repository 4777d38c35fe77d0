package io.cleanercontext.diagnostics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/** Whether the queue's Redis answers a PING, on a connection of its own that is closed after. */
final class RedisReachability {
  private final Vertx vertx;
  private final String redisUrl;

  RedisReachability(Vertx vertx, String redisUrl) {
    this.vertx = vertx;
    this.redisUrl = redisUrl;
  }

  /** The PING's round trip in milliseconds, or the reason Redis did not answer. */
  Future<Double> roundTripMs() {
    Redis client = Redis.createClient(vertx, redisUrl);
    long start = System.nanoTime();
    return RedisAPI.api(client)
        .ping(List.of())
        .map(r -> (System.nanoTime() - start) / 1e6)
        .eventually(
            () -> {
              client.close();
              return Future.succeededFuture();
            });
  }
}
