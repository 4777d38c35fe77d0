package io.cleanercontext.queue;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads jobs from its partitions ({@link ReadLoop}), one job per conversation at a time ({@link
 * ConversationDispatcher}), each handled by {@link TurnJobProcessor}: the owning shard cleans the
 * conversation's pending turns, the results are stored, published and acknowledged. {@link
 * QueueRecovery} takes over what dead consumers held. It answers start / stop (drain) / status on
 * its own node-qualified address, listed in {@link WorkerRegistry} for the node's {@link
 * QueueControlVerticle}.
 */
public final class QueueWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorkerVerticle.class);

  /** How long one read waits for a job; also bounds how long a drain waits for the read. */
  private static final long READ_BLOCK_MS = 1000;

  private final QueueSettings config;
  private final DatabaseSettings database;
  private final int instance;
  private final int instances;
  private final int shards;

  /**
   * Cluster mode: the one partition this worker reads because its node owns that shard; else -1.
   */
  private final int ownedPartition;

  private final ProductMetrics metrics;

  private final String consumer = "worker-" + UUID.randomUUID();
  private String controlAddress;
  private JobQueue queue;
  private Pool pool;
  private ReadLoop loop;
  private List<Integer> partitions;

  /**
   * @param config the queue settings, with the effective backend
   * @param database the database as running (its URL, pool size, batches in flight)
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
    this(config, database, instance, instances, shards, -1, metrics);
  }

  private QueueWorkerVerticle(
      QueueSettings config,
      DatabaseSettings database,
      int instance,
      int instances,
      int shards,
      int ownedPartition,
      ProductMetrics metrics) {
    this.config = config;
    this.database = database;
    this.metrics = metrics;
    this.instance = instance;
    this.instances = instances;
    this.shards = shards;
    this.ownedPartition = ownedPartition;
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
    return new QueueWorkerVerticle(config, database, shard, shards, shards, shard, metrics);
  }

  @Override
  public Future<?> start() {
    partitions = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      if (p % instances == instance) {
        partitions.add(p);
      }
    }
    // An owned-shard worker reads one partition: a small pool, as a node may hold many of them.
    int poolSize = database.pipelinePoolSize();
    pool =
        Database.hotPathPool(
            vertx,
            database.url(),
            ownedPartition >= 0 ? Math.min(3, poolSize) : poolSize,
            "pg-worker-" + workerName());
    PendingTurns turns = new PendingTurns(pool);
    controlAddress = Addresses.queueWorker(WorkerRegistry.nodeId(vertx), workerName());
    return JobQueues.open(vertx, config, shards, metrics)
        .compose(
            q -> {
              queue = q;
              // Result batches touch only their own turns' rows, so two may be outstanding
              // (docs/PERFORMANCE.md, fifth round).
              CoalescedTurnStore hotPath =
                  new CoalescedTurnStore(context, pool, database.resultBatchesInFlight(), metrics);
              TurnJobProcessor processor =
                  new TurnJobProcessor(vertx, queue, turns, hotPath, metrics, config, shards);
              ReadLoop.Settings reading =
                  new ReadLoop.Settings(config.batchSize(), config.maxInFlight(), READ_BLOCK_MS);
              loop =
                  new ReadLoop(
                      vertx,
                      queue,
                      consumer,
                      partitions,
                      reading,
                      metrics,
                      processor::handleTogether);
              return recover(
                  new QueueRecovery(
                      vertx,
                      queue,
                      turns,
                      loop,
                      metrics,
                      consumer,
                      partitions,
                      shards,
                      ownedPartition));
            })
        .compose(
            v -> vertx.eventBus().<JsonObject>consumer(controlAddress, this::control).completion())
        .compose(v -> WorkerRegistry.register(vertx, controlAddress, localStatus()))
        .compose(
            v ->
                ownedPartition >= 0
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
        ownedPartition >= 0
            ? recovery.takeOver()
            : instance == 0 ? recovery.recoverPending(0) : Future.succeededFuture();
    return first.onSuccess(
        v ->
            recovery.schedule(
                config.claimIdleMs(),
                instance == 0 || ownedPartition >= 0,
                config.pendingSweepAgeMs()));
  }

  @Override
  public Future<?> stop() {
    // Handing a shard to another node: finish what was read first, so the next owner starts clean.
    Future<Void> drainedFirst =
        ownedPartition >= 0 && loop != null
            ? loop.drain()
                .timeout(config.drainTimeoutMs(), TimeUnit.MILLISECONDS)
                .recover(
                    e -> {
                      LOG.warn(
                          "Partition {} not drained before hand-over ({}); its next owner takes the rest over",
                          ownedPartition,
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

  private String workerName() {
    return ownedPartition >= 0 ? "p" + ownedPartition : Integer.toString(instance);
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
        .put("instance", instance)
        .put("node_id", WorkerRegistry.nodeId(vertx))
        .put("worker", workerName())
        .put("running", loop.running())
        .put("state", loop.state())
        .put("in_flight", loop.inFlight())
        .put("processed", loop.processed())
        .put("partitions", new JsonArray(partitions));
  }
}
