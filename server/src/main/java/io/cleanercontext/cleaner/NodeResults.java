package io.cleanercontext.cleaner;

import io.cleanercontext.batch.HandOver;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnEvents;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;

/**
 * The results of every cleaner shard of a node, stored and published: stored through one coalescer
 * (each result leaves 'pending' in the same statement, and the results that the node's shards hand
 * over at the same time share one {@code UPDATE} and one commit, as when one queue worker stored
 * them all), then published from the shard's own context to the conversation's subscribers and to a
 * waiting synchronous caller. A result no longer pending was stored by a duplicate delivery and is
 * not published again. Each shard stays the one owner of its conversations; storing through a
 * coalescer of its own would spread a node's results over more, smaller batches: more statements
 * and commits per turn (docs/PERFORMANCE.md, eighth round).
 *
 * <p>The coalescer belongs to one context (the one this is made on, once per node by {@code
 * MainVerticle}); a shard's results go to it and the answer comes back to the shard's context, so
 * the shard's own state is only ever touched on its own thread. A shard cleans a conversation's
 * next turn only once its previous results are stored (and published), so a conversation's order
 * holds across the hand-over.
 */
public final class NodeResults {
  private final Vertx vertx;
  private final Context home;
  private final Pool pool;
  private final CoalescedTurnStore store;
  private final ProductMetrics metrics;

  /**
   * Made on the context the node's result batches are sent from.
   *
   * @param database the database as running (its URL, result batches in flight for the node)
   */
  public NodeResults(Vertx vertx, DatabaseSettings database, ProductMetrics metrics) {
    this.vertx = vertx;
    this.home = vertx.getOrCreateContext();
    this.metrics = metrics;
    int inFlight = database.resultBatchesInFlight();
    this.pool = Database.hotPathPool(vertx, database.url(), inFlight, "pg-results");
    this.store = new CoalescedTurnStore(home, pool, inFlight, metrics);
  }

  /**
   * Stores a conversation's results and publishes the ones this statement moved out of 'pending';
   * completes on the caller's context.
   *
   * @param results verdicts on a conversation's pending turns, in seq order
   */
  Future<Void> store(List<CleanedTurn> results) {
    return complete(results)
        .onSuccess(
            turns -> {
              for (int i = 0; i < turns.size(); i++) {
                StoredTurn row = turns.get(i);
                if (row == null) {
                  continue; // no longer pending: a duplicate delivery already stored it
                }
                TurnToClean source = results.get(i).turn();
                publish(row, source.replyTo());
                metrics.turnCompleted(row, Instant.ofEpochMilli(source.receivedAt()));
              }
            })
        .mapEmpty();
  }

  /**
   * Stores the results (each leaves 'pending' in the same statement), without publishing them;
   * completes on the caller's context with one entry per result, null for one no longer pending.
   */
  Future<List<StoredTurn>> complete(List<CleanedTurn> results) {
    return HandOver.to(home, () -> store.complete(results));
  }

  private void publish(StoredTurn row, String replyTo) {
    JsonObject event = TurnEvents.of(row);
    vertx
        .eventBus()
        .publish(Addresses.conversationTurns(row.conversationId()), event, TurnEvents.PUBLISH);
    if (replyTo != null) {
      vertx.eventBus().send(replyTo, event.getJsonObject("turn"));
    }
  }

  public Future<Void> close() {
    return pool.close();
  }
}
