package io.cleanercontext.queue;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers jobs: reads them from its partitions ({@link ReadLoop}) and hands each to the
 * conversation's owner, the cleaner shard ({@link JobHandOff}), acknowledging, retrying or
 * dead-lettering on its answer. Which partitions, and what recovery it does, is its {@link
 * Assignment}, the one difference between single-node and cluster mode. {@link QueueRecovery} takes
 * over what dead consumers held. It answers start / stop (drain) / status on its own node-qualified
 * address, listed in {@link WorkerRegistry} for the node's {@link QueueControlVerticle}.
 */
public final class QueueWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorkerVerticle.class);

  /** How long one read waits for a job; also bounds how long a drain waits for the read. */
  private static final long READ_BLOCK_MS = 1000;

  private final QueueSettings config;
  private final DatabaseSettings database;
  private final Assignment assignment;
  private final int shards;
  private final ProductMetrics metrics;

  private final String consumer = "worker-" + UUID.randomUUID();
  private String controlAddress;
  private JobQueue queue;
  private Pool pool;
  private ReadLoop loop;

  /**
   * @param config the queue settings, with the effective backend
   * @param database the database as running (its URL)
   * @param instance this worker's index; it owns partitions {@code p % instances == instance}
   * @param metrics the process's meters
   */
  public QueueWorkerVerticle(
      QueueSettings config,
      DatabaseSettings database,
      int instance,
      int instances,
      int shards,
      ProductMetrics metrics) {
    this(config, database, Assignment.shared(instance, instances, shards), shards, metrics);
  }

  private QueueWorkerVerticle(
      QueueSettings config,
      DatabaseSettings database,
      Assignment assignment,
      int shards,
      ProductMetrics metrics) {
    this.config = config;
    this.database = database;
    this.assignment = assignment;
    this.shards = shards;
    this.metrics = metrics;
  }

  /**
   * The worker of a clustered node for the shard it owns: the only reader of that partition. On
   * start it takes over every entry still pending in the partition (their reader was the previous
   * owner, now dead or drained) and re-enqueues the partition's conversations with pending turns.
   */
  public static QueueWorkerVerticle forOwnedShard(
      QueueSettings config,
      DatabaseSettings database,
      int shard,
      int shards,
      ProductMetrics metrics) {
    return new QueueWorkerVerticle(config, database, Assignment.owned(shard), shards, metrics);
  }

  @Override
  public Future<?> start() {
    // Only recovery reads PostgreSQL here (which conversations have pending turns): the shards
    // read and write the turns themselves.
    pool = Database.pool(vertx, database.url(), 1, "pg-worker-" + assignment.name());
    controlAddress = Addresses.queueWorker(WorkerRegistry.nodeId(vertx), assignment.name());
    return JobQueues.open(vertx, config, shards, metrics)
        .compose(
            q -> {
              queue = q;
              JobHandOff handOff = new JobHandOff(vertx, queue, metrics, config, shards);
              ReadLoop.Settings reading =
                  new ReadLoop.Settings(config.batchSize(), config.maxInFlight(), READ_BLOCK_MS);
              loop =
                  new ReadLoop(
                      vertx,
                      queue,
                      consumer,
                      assignment.partitions(),
                      reading,
                      metrics,
                      handOff::handle);
              return recover(
                  new QueueRecovery(
                      vertx,
                      queue,
                      new PendingTurns(pool),
                      loop,
                      metrics,
                      consumer,
                      assignment,
                      shards));
            })
        .compose(
            v -> vertx.eventBus().<JsonObject>consumer(controlAddress, this::control).completion())
        .compose(v -> WorkerRegistry.register(vertx, controlAddress, localStatus()))
        .compose(
            v ->
                assignment.owned()
                    ? WorkerRegistry.clusterRunning(vertx)
                    : Future.succeededFuture(true))
        .onSuccess(
            clusterRunning -> {
              // Workers stopped cluster-wide stay stopped on a node that takes a shard over.
              if (clusterRunning) {
                loop.start();
              }
            });
  }

  /**
   * Start-up recovery, then the periodic reclaim and (worker 0, or each owner of a clustered
   * partition for its own) the pending sweep.
   */
  private Future<Void> recover(QueueRecovery recovery) {
    Future<Void> first =
        assignment.owned()
            ? recovery.takeOver()
            : assignment.sweeps() ? recovery.recoverPending(0) : Future.succeededFuture();
    return first.onSuccess(
        v ->
            recovery.schedule(
                config.claimIdleMs(), assignment.sweeps(), config.pendingSweepAgeMs()));
  }

  @Override
  public Future<?> stop() {
    // Handing a shard to another node: finish what was read first, so the next owner starts clean.
    Future<Void> drainedFirst =
        assignment.owned() && loop != null
            ? loop.drain()
                .timeout(config.drainTimeoutMs(), TimeUnit.MILLISECONDS)
                .recover(
                    e -> {
                      LOG.warn(
                          "Partition {} not drained before hand-over ({}); its next owner takes the rest over",
                          assignment.name(),
                          e.toString());
                      return Future.succeededFuture();
                    })
            : Future.succeededFuture();
    return drainedFirst.compose(d -> close());
  }

  private Future<Void> close() {
    if (loop != null) {
      loop.drain();
    }
    Future<Void> unregistered =
        controlAddress == null
            ? Future.succeededFuture()
            : WorkerRegistry.unregister(vertx, controlAddress)
                .recover(e -> Future.succeededFuture());
    Future<Void> closed =
        unregistered.compose(v -> queue == null ? Future.succeededFuture() : queue.close());
    return closed.compose(v -> pool == null ? Future.succeededFuture() : pool.close());
  }

  private void control(Message<JsonObject> msg) {
    String action = msg.body().getString("action", "status");
    Future<Void> done =
        switch (action) {
          case "stop" -> loop.drain();
          case "start" -> {
            loop.start();
            yield Future.succeededFuture();
          }
          default -> Future.succeededFuture();
        };
    done.onComplete(ar -> msg.reply(localStatus()));
  }

  private JsonObject localStatus() {
    return new JsonObject()
        .put("instance", assignment.instance())
        .put("node_id", WorkerRegistry.nodeId(vertx))
        .put("worker", assignment.name())
        .put("running", loop.running())
        .put("state", loop.state())
        .put("in_flight", loop.inFlight())
        .put("processed", loop.processed())
        .put("partitions", new JsonArray(assignment.partitions()));
  }
}
