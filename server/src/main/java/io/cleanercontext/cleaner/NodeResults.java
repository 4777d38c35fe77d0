package io.cleanercontext.cleaner;

import io.cleanercontext.batch.HandOver;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns.Completion;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The results of every cleaner shard of a node, stored through one coalescer: the results that the
 * node's shards hand over at the same time share one {@code UPDATE} and one commit, as when one
 * queue worker stored them all, while each shard stays the one owner of its conversations. Each
 * shard would otherwise store its own through its own coalescer, and a node's results would be
 * spread over more, smaller batches: more statements and commits per turn (docs/PERFORMANCE.md,
 * eighth round).
 *
 * <p>The coalescer belongs to one context (the one this is made on, once per node by {@code
 * MainVerticle}); a shard's results go to it and the answer comes back to the shard's context, so
 * the shard's own state is only ever touched on its own thread. A shard cleans a conversation's
 * next turn only once its previous results are stored (and published), so a conversation's order
 * holds across the hand-over.
 */
public final class NodeResults {
  private final Context home;
  private final Pool pool;
  private final CoalescedTurnStore store;

  /**
   * Made on the context the node's result batches are sent from.
   *
   * @param database the database as running (its URL, result batches in flight for the node)
   */
  public NodeResults(Vertx vertx, DatabaseSettings database, ProductMetrics metrics) {
    this.home = vertx.getOrCreateContext();
    int inFlight = database.resultBatchesInFlight();
    this.pool = Database.hotPathPool(vertx, database.url(), inFlight, "pg-results");
    this.store = new CoalescedTurnStore(home, pool, inFlight, metrics);
  }

  /**
   * Stores the results (each leaves 'pending' in the same statement); completes on the caller's
   * context with one entry per result, null for one no longer pending.
   */
  Future<List<StoredTurn>> complete(List<Completion> results) {
    return HandOver.to(home, () -> store.complete(results));
  }

  public Future<Void> close() {
    return pool.close();
  }
}
