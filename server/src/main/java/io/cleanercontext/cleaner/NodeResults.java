package io.cleanercontext.cleaner;

import io.cleanercontext.batch.HandOver;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns.Completion;
import io.cleanercontext.telemetry.ProductMetrics;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
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
 * <p>The coalescer belongs to one context: one of its own on the event loop of the first shard to
 * store results (on a node that runs the queue worker beside its shards, often the worker's loop
 * too), so that shard's results are handed over without waking another thread, and the API's event
 * loop, which serves every request, stores none. Another shard's results go to that context and the
 * answer comes back to the shard's, so each shard's own state is only ever touched on its own
 * thread. A shard cleans a conversation's next turn only once its previous results are stored (and
 * published), so a conversation's order holds across the hand-over.
 */
public final class NodeResults {
  private final Vertx vertx;
  private final DatabaseSettings database;
  private final ProductMetrics metrics;
  private volatile Home home;

  /** The context the node's result batches are sent from, with their pool and coalescer. */
  private record Home(Context context, Pool pool, CoalescedTurnStore store) {}

  /**
   * @param database the database as running (its URL, result batches in flight for the node)
   */
  public NodeResults(Vertx vertx, DatabaseSettings database, ProductMetrics metrics) {
    this.vertx = vertx;
    this.database = database;
    this.metrics = metrics;
  }

  /**
   * Stores the results (each leaves 'pending' in the same statement); completes on the caller's
   * context with one entry per result, null for one no longer pending.
   */
  Future<List<StoredTurn>> complete(List<Completion> results) {
    Home at = home();
    return HandOver.to(at.context(), () -> at.store().complete(results));
  }

  /**
   * The home: a context of its own (so that no shard's undeployment closes the node's pool or
   * cancels its timers) on the first caller's event loop.
   */
  private Home home() {
    Home at = home;
    if (at != null) {
      return at;
    }
    synchronized (this) {
      if (home == null) {
        EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        ContextInternal context =
            ((VertxInternal) vertx).contextBuilder().withEventLoop(loop).build();
        int inFlight = database.resultBatchesInFlight();
        // Made with its own context current: the pool closes with the node, not with the shard.
        context.dispatch(
            () -> {
              Pool pool = Database.hotPathPool(vertx, database.url(), inFlight, "pg-results");
              home =
                  new Home(context, pool, new CoalescedTurnStore(context, pool, inFlight, metrics));
            });
      }
      return home;
    }
  }

  public Future<Void> close() {
    Home at = home;
    return at == null ? Future.succeededFuture() : at.pool().close();
  }
}
