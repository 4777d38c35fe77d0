package io.cleanercontext;

import io.cleanercontext.cleaner.CleanerVerticle;
import io.cleanercontext.cleaner.NodeResults;
import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cluster.ShardOwnership;
import io.cleanercontext.config.CleanerSettings;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.queue.QueueWorkerVerticle;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** A clustered node's owned shard: its cleaner, then the only worker of its partition. */
final class OwnedShards implements ShardOwnership.ShardRunner {
  private final Vertx vertx;
  private final CleanerSettings cleanerSettings;
  private final QueueSettings queue;
  private final DatabaseSettings database;
  private final int shards;
  private final TurnCleaner cleaner;
  private final NodeResults results;
  private final ProductMetrics metrics;

  OwnedShards(
      Vertx vertx,
      CleanerSettings cleanerSettings,
      QueueSettings queue,
      DatabaseSettings database,
      int shards,
      TurnCleaner cleaner,
      NodeResults results,
      ProductMetrics metrics) {
    this.vertx = vertx;
    this.cleanerSettings = cleanerSettings;
    this.queue = queue;
    this.database = database;
    this.shards = shards;
    this.cleaner = cleaner;
    this.results = results;
    this.metrics = metrics;
  }

  @Override
  public Future<List<String>> start(int shard) {
    return vertx
        .deployVerticle(
            new CleanerVerticle(cleanerSettings, queue, database, shard, cleaner, results, metrics),
            CleanerVerticle.deployment(shard))
        .compose(
            cleanerId ->
                vertx
                    .deployVerticle(
                        QueueWorkerVerticle.forOwnedShard(queue, database, shard, shards, metrics))
                    .map(workerId -> List.of(workerId, cleanerId))
                    .recover(
                        e ->
                            vertx
                                .undeploy(cleanerId)
                                .transform(ignored -> Future.failedFuture(e))));
  }

  @Override
  public Future<Void> stop(int shard, List<String> ids) {
    // The worker drains its partition on undeploy, before the cleaner it sends to goes away.
    Future<Void> done = Future.succeededFuture();
    for (String id : ids) {
      done = done.transform(ignored -> vertx.undeploy(id));
    }
    return done;
  }
}
