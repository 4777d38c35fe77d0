package io.cleanercontext.diagnostics;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.store.Database;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL, Redis (with the Redis queue), the queue workers and every cleaner shard answer. Each
 * is checked on its own: one that does not answer fails the scenario with its reason, and the
 * others are still checked.
 */
final class DependenciesScenario implements DiagnosticScenario {
  @Override
  public String name() {
    return "dependencies";
  }

  @Override
  public String description() {
    return "PostgreSQL, Redis, queue workers and cleaner shards answer";
  }

  @Override
  public boolean needsScratchConversation() {
    return false;
  }

  @Override
  public Future<Void> run(ScenarioContext ctx, ScenarioResult s) {
    return Future.all(database(ctx, s), redis(ctx, s), queue(ctx, s), cleaners(ctx, s)).mapEmpty();
  }

  private static Future<Void> database(ScenarioContext ctx, ScenarioResult s) {
    long start = System.nanoTime();
    Pool pool = Database.pool(ctx.vertx(), ctx.config().database().url(), 1, "pg-diagnostics");
    return pool.query("SELECT 1")
        .execute()
        .map(
            r -> {
              s.figures.put("postgresql_round_trip_ms", (System.nanoTime() - start) / 1e6);
              return (Void) null;
            })
        .recover(
            e -> {
              s.fail("PostgreSQL: " + e.getMessage());
              return Future.succeededFuture();
            })
        .eventually(pool::close);
  }

  private static Future<Void> redis(ScenarioContext ctx, ScenarioResult s) {
    QueueSettings queue = ctx.config().queue();
    if (!queue.redis()) {
      return Future.succeededFuture();
    }
    return ctx.probeQueue()
        .map(
            probe -> {
              s.figures.put("redis_round_trip_ms", probe.roundTripMs());
              return (Void) null;
            })
        .recover(
            e -> {
              s.fail("Redis: " + e.getMessage());
              return Future.succeededFuture();
            });
  }

  private static Future<Void> queue(ScenarioContext ctx, ScenarioResult s) {
    return ctx.queueStatus()
        .map(
            status -> {
              s.figures
                  .put("queue_backend", status.getString("backend"))
                  .put("queue_workers", status.getInteger("workers"));
              s.expect(
                  status.getBoolean("running") && status.getInteger("workers") > 0,
                  "queue workers running (workers "
                      + status.getInteger("workers")
                      + ", running "
                      + status.getBoolean("running")
                      + ")");
              return (Void) null;
            })
        .recover(
            e -> {
              s.fail("queue status: " + e.getMessage());
              return Future.succeededFuture();
            });
  }

  /** An empty clean request to every shard: each must answer. */
  private static Future<Void> cleaners(ScenarioContext ctx, ScenarioResult s) {
    int shards = ctx.config().shards();
    List<Future<?>> pings = new ArrayList<>();
    JsonObject empty =
        new JsonObject().put("conversation_id", "diagnostics").put("turns", new JsonArray());
    for (int shard = 0; shard < shards; shard++) {
      pings.add(
          ctx.vertx()
              .eventBus()
              .request(
                  Addresses.cleanerShard(shard),
                  empty,
                  new DeliveryOptions().setSendTimeout(2_000)));
    }
    return Future.all(pings)
        .map(
            v -> {
              s.figures.put("cleaner_shards_owned", shards);
              return (Void) null;
            })
        .recover(
            e -> {
              s.fail("cleaner shards: " + e.getMessage());
              return Future.succeededFuture();
            });
  }
}
