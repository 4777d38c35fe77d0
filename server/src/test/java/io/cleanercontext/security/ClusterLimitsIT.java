package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The turn rate and connection limits counted in a real Redis: two limiters with their own {@link
 * RedisLimits} (two "nodes") together admit the limit once; a dead node's connections stop counting
 * when its lease goes; with Redis unreachable each node falls back to its own limit.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ClusterLimitsIT {

  private static String prefix() {
    return "cc:test:" + UUID.randomUUID() + ":limits:";
  }

  private static int admitted(List<TenantRateLimiter> nodes, String tenant, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      if (nodes
          .get(i % nodes.size())
          .take(tenant, 1)
          .transform(ar -> io.vertx.core.Future.succeededFuture(ar.succeeded()))
          .await()) {
        admitted++;
      }
    }
    return admitted;
  }

  @Test
  void twoNodesSharingRedisAdmitTheTenantsRateOnce(Vertx vertx) {
    String prefix = prefix();
    // 1 turn a second, bursts of 10: 40 quick attempts spread over two nodes admit the burst (plus
    // at most what refills meanwhile), not 10 per node.
    List<TenantRateLimiter> shared =
        List.of(
            new TenantRateLimiter(
                1, 10, RedisLimits.create(vertx, TestRedis.url(), prefix, 15_000)),
            new TenantRateLimiter(
                1, 10, RedisLimits.create(vertx, TestRedis.url(), prefix, 15_000)));
    int together = admitted(shared, "acme", 40);
    assertThat(together).isBetween(10, 12);
    // The refusal says when to retry.
    Throwable refused =
        shared
            .get(1)
            .take("acme", 5)
            .<Throwable>transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause()))
            .await();
    assertThat(refused).isInstanceOf(TenantRateLimiter.RateLimited.class);
    assertThat(((TenantRateLimiter.RateLimited) refused).retryAfterSeconds()).isPositive();
    // Another tenant has its own bucket.
    assertThat(admitted(shared, "globex", 10)).isEqualTo(10);

    // Per process (no Redis), the same two nodes admit twice the burst: what the shared count
    // prevents.
    List<TenantRateLimiter> separate =
        List.of(new TenantRateLimiter(1, 10), new TenantRateLimiter(1, 10));
    assertThat(admitted(separate, "acme", 40)).isBetween(20, 22);
  }

  @Test
  void twoNodesSharingRedisAdmitTheClientsConnectionsOnceAndADeadNodesLeaseExpires(Vertx vertx) {
    String prefix = prefix();
    RedisLimits redisA = RedisLimits.create(vertx, TestRedis.url(), prefix, 15_000);
    RedisLimits redisB = RedisLimits.create(vertx, TestRedis.url(), prefix, 15_000);
    ConnectionLimiter nodeA = new ConnectionLimiter(3, redisA);
    ConnectionLimiter nodeB = new ConnectionLimiter(3, redisB);
    List<ConnectionLimiter.Lease> granted = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      ConnectionLimiter.Lease lease = (i % 2 == 0 ? nodeA : nodeB).open("sub:acme/alice").await();
      if (lease == null) {
        refused++;
      } else {
        granted.add(lease);
      }
    }
    assertThat(granted).hasSize(3);
    assertThat(refused).isEqualTo(7);
    assertThat(nodeA.open("sub:acme/bob").await()).as("another client").isNotNull();

    // A connection closes on A: one more may open, on B.
    int onA = nodeA.openBy("sub:acme/alice");
    int onB = nodeB.openBy("sub:acme/alice");
    assertThat(onA + onB).isEqualTo(3);
    ConnectionLimiter.Lease ofA = nodeA.open("sub:acme/alice").await();
    assertThat(ofA).isNull();
    ConnectionLimiter.Lease leaseOnA = granted.get(0); // i = 0 opened on A
    leaseOnA.release();
    awaitCount(vertx, () -> nodeB.open("sub:acme/alice").await(), granted);
    assertThat(nodeB.open("sub:acme/alice").await()).isNull();

    // Node A dies holding its connections: once its lease is gone they no longer count.
    redisA.stopAsIfDead().await();
    int reopened = 0;
    for (int i = 0; i < 5; i++) {
      if (nodeB.open("sub:acme/alice").await() != null) {
        reopened++;
      }
    }
    assertThat(reopened).isEqualTo(onA - 1);
  }

  /**
   * Retries an open a few times (the release's decrement is sent, not awaited); adds the lease it
   * got.
   */
  private static void awaitCount(
      Vertx vertx,
      java.util.function.Supplier<ConnectionLimiter.Lease> open,
      List<ConnectionLimiter.Lease> granted) {
    for (int i = 0; i < 50; i++) {
      ConnectionLimiter.Lease lease = open.get();
      if (lease != null) {
        granted.add(lease);
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("no connection admitted after a release");
  }

  @Test
  void withRedisUnreachableEachNodeKeepsItsOwnLimits(Vertx vertx) {
    RedisLimits down = RedisLimits.create(vertx, "redis://127.0.0.1:1", prefix(), 15_000);
    TenantRateLimiter rate = new TenantRateLimiter(1, 5, down);
    assertThat(admitted(List.of(rate), "acme", 20)).isBetween(5, 6);
    ConnectionLimiter connections = new ConnectionLimiter(2, down);
    assertThat(connections.open("ip:10.0.0.1").await()).isNotNull();
    assertThat(connections.open("ip:10.0.0.1").await()).isNotNull();
    assertThat(connections.open("ip:10.0.0.1").await()).isNull();
  }

  @Test
  void twoServersOnOneRedisQueueRefuseTheTenantsTurnsOverTheLimitTogether() {
    // Two processes' worth of the product (two Vert.x instances) sharing the database and the
    // Redis queue, as two nodes behind a load balancer: the burst of 6 holds for both together.
    io.vertx.core.json.JsonObject config = io.cleanercontext.support.TestApp.config("redis");
    config
        .getJsonObject("security")
        .put("turns_per_second_per_tenant", 0.01)
        .put("turn_burst_per_tenant", 6);
    Vertx first = Vertx.vertx();
    Vertx second = Vertx.vertx();
    try {
      var nodeA = io.cleanercontext.support.TestApp.start(first, config).await();
      var nodeB = io.cleanercontext.support.TestApp.start(second, config).await();
      String id =
          new io.cleanercontext.support.Api(nodeA.client())
              .createConversation("limited across nodes");
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        var node = i % 2 == 0 ? nodeA : nodeB;
        var response =
            new io.cleanercontext.support.Api(node.client())
                .realtime(id, "User", "turn " + i)
                .await();
        statuses.add(response.statusCode());
        if (response.statusCode() == 429) {
          assertThat(response.getHeader("Retry-After")).isNotNull();
        }
      }
      assertThat(statuses.stream().filter(s -> s == 202).count())
          .as(statuses.toString())
          .isEqualTo(6);
      assertThat(statuses.stream().filter(s -> s == 429).count())
          .as(statuses.toString())
          .isEqualTo(6);
      nodeA.stop().await();
      nodeB.stop().await();
    } finally {
      first.close().await();
      second.close().await();
    }
  }
}
