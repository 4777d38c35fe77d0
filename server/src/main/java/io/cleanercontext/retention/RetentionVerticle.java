package io.cleanercontext.retention;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.RetentionStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention sweeper, one per node: every {@code intervalMs} it deletes the conversations past
 * their tenant's retention, in batches of {@code batch}, at most {@code maxBatches} batches a run
 * (the rest waits for the next run), and counts them in {@code cc.retention.deleted}. Nodes of a
 * cluster take turns through the store's advisory lock: a run that finds it held does nothing.
 */
public final class RetentionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionVerticle.class);

  private final DatabaseSettings database;
  private final ProductMetrics metrics;
  private final long intervalMs;
  private final int batch;
  private final int maxBatches;
  private Pool pool;
  private RetentionStore store;
  private Counter deleted;
  private boolean running;

  public RetentionVerticle(
      DatabaseSettings database,
      ProductMetrics metrics,
      long intervalMs,
      int batch,
      int maxBatches) {
    this.database = database;
    this.metrics = metrics;
    this.intervalMs = intervalMs;
    this.batch = batch;
    this.maxBatches = maxBatches;
  }

  @Override
  public Future<?> start() {
    pool = Database.pool(vertx, database.url(), 1, "pg-retention");
    store = new RetentionStore(pool);
    deleted =
        Counter.builder("cc.retention.deleted")
            .description(
                "Conversations deleted by the retention sweeper (past their tenant's retention_days)")
            .register(metrics.registry());
    vertx.setPeriodic(intervalMs, t -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  /** One run: batches until one is not full, the lock is another node's, or the run's cap. */
  private void sweep() {
    if (running) {
      return; // the previous run is still going
    }
    running = true;
    run(0, 0)
        .onComplete(
            ar -> {
              running = false;
              if (ar.failed()) {
                LOG.warn("Retention sweep failed: {}", ar.cause().getMessage());
              } else if (ar.result() > 0) {
                LOG.info(
                    "Retention sweep deleted {} conversation(s) past their tenant's retention",
                    ar.result());
              }
            });
  }

  private Future<Integer> run(int batches, int total) {
    return store
        .sweepBatch(batch)
        .compose(
            n -> {
              if (n < 0) {
                return Future.succeededFuture(total); // another node is sweeping
              }
              deleted.increment(n);
              return n == batch && batches + 1 < maxBatches
                  ? run(batches + 1, total + n)
                  : Future.succeededFuture(total + n);
            });
  }
}
