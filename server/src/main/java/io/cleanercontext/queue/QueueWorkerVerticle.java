package io.cleanercontext.queue;

import io.cleanercontext.cleaner.ShardRouter;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.metrics.ProductMetrics;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.store.PendingTurns.PendingConversation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads jobs from its partitions, has each conversation's pending turns cleaned by the owning
 * shard, stores the results, acknowledges, and publishes the cleaned turns.
 *
 * <p>Jobs of different conversations run concurrently; one job of a conversation runs at a time,
 * and the ones that queued behind it are handled together. Each job cleans every pending turn of
 * its conversation up to its seq (read from PostgreSQL unless the job carries the next turn), so
 * order holds even when jobs arrive out of order or twice: a job whose turns are done is a no-op.
 */
public final class QueueWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(QueueWorkerVerticle.class);

  private final JsonObject config;
  private final int instance;
  private final int instances;
  private final int shards;

  /**
   * Cluster mode: the one partition this worker reads because its node owns that shard; else -1.
   */
  private final int ownedPartition;

  private final String consumer = "worker-" + UUID.randomUUID();
  private String controlAddress;

  private JobQueue queue;
  private TurnJobProcessor processor;
  private Pool pool;
  private PendingTurns turns;
  private ProductMetrics metrics;
  private List<Integer> partitions;

  /**
   * Per conversation, deliveries waiting for the one being processed: they are handled together.
   */
  private final Map<String, List<Delivery>> waitingByConversation = new HashMap<>();

  /** Conversations with a job being processed now (at most one per conversation). */
  private final java.util.Set<String> busyConversations = new java.util.HashSet<>();

  /** Deliveries this worker holds (waiting in a conversation's chain or being processed). */
  private final java.util.Set<String> held = new java.util.HashSet<>();

  private boolean running = true;
  private boolean reading;
  private int inFlight;
  private long processed;
  private Promise<Void> drained;

  /**
   * @param config {@code {queue: slice, database_url, pool_size}}
   * @param instance this worker's index; it owns partitions {@code p % instances == instance}
   */
  public QueueWorkerVerticle(JsonObject config, int instance, int instances, int shards) {
    this(config, instance, instances, shards, -1);
  }

  private QueueWorkerVerticle(
      JsonObject config, int instance, int instances, int shards, int ownedPartition) {
    this.config = config;
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
  public static QueueWorkerVerticle forOwnedShard(JsonObject config, int shard, int shards) {
    return new QueueWorkerVerticle(config, shard, shards, shards, shard);
  }

  private JsonObject queueConfig() {
    return config.getJsonObject("queue");
  }

  @Override
  public Future<?> start() {
    partitions = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      if (p % instances == instance) {
        partitions.add(p);
      }
    }
    metrics = ProductMetrics.of(vertx);
    // An owned-shard worker reads one partition: a small pool, as a node may hold many of them.
    int poolSize =
        ownedPartition >= 0
            ? Math.min(3, config.getInteger("pool_size", 4))
            : config.getInteger("pool_size", 4);
    pool =
        Database.hotPathPool(
            vertx, config.getString("database_url"), poolSize, "pg-worker-" + workerName());
    turns = new PendingTurns(pool);
    controlAddress = Addresses.queueWorker(WorkerRegistry.nodeId(vertx), workerName());
    var control = vertx.eventBus().<JsonObject>consumer(controlAddress, this::control);
    var status = vertx.eventBus().<JsonObject>consumer(Addresses.QUEUE_STATUS, this::status);
    var controlAll =
        vertx.eventBus().<JsonObject>consumer(Addresses.QUEUE_CONTROL, this::controlAll);
    return JobQueues.open(vertx, queueConfig(), shards)
        .compose(
            q -> {
              queue = q;
              // Result batches touch only their own turns' rows (no lock shared with another
              // batch), so
              // two may be outstanding: measured, p99 post-to-delivery 50 ms against 56-66 ms with
              // one,
              // for a few more statements (docs/PERFORMANCE.md, fifth round).
              CoalescedTurnStore hotPath =
                  new CoalescedTurnStore(
                      context, pool, config.getInteger("result_batches_in_flight", 2), metrics);
              processor =
                  new TurnJobProcessor(
                      vertx, queue, turns, hotPath, metrics, queueConfig(), shards);
              if (ownedPartition >= 0) {
                return takeOver();
              }
              return instance == 0 ? recoverPending(0) : Future.succeededFuture();
            })
        .compose(
            v -> Future.all(control.completion(), status.completion(), controlAll.completion()))
        .compose(v -> WorkerRegistry.register(vertx, controlAddress, localStatus()))
        .compose(
            v ->
                ownedPartition >= 0
                    ? WorkerRegistry.clusterRunning(vertx)
                    : Future.succeededFuture(true))
        .onSuccess(
            clusterRunning -> {
              // Workers stopped cluster-wide stay stopped on a node that takes a shard over.
              running = clusterRunning;
              long claimEvery = Math.max(500, queueConfig().getLong("claim_idle_ms", 15000L) / 2);
              vertx.setPeriodic(claimEvery, id -> reclaim());
              if (instance == 0
                  || ownedPartition >= 0) { // clustered: each owner sweeps its own partition
                long sweepAge = queueConfig().getLong("pending_sweep_age_ms", 30_000L);
                vertx.setPeriodic(
                    Math.max(1_000, sweepAge / 2),
                    id ->
                        recoverPending(sweepAge)
                            .onFailure(
                                e -> LOG.warn("Pending-turn sweep failed: {}", e.getMessage())));
              }
              readLoop();
            });
  }

  @Override
  public Future<?> stop() {
    // Handing a shard to another node: finish what was read first, so the next owner starts clean.
    Future<Void> drainedFirst =
        ownedPartition >= 0 && queue != null
            ? drain()
                .timeout(
                    queueConfig().getLong("drain_timeout_ms", 10_000L),
                    java.util.concurrent.TimeUnit.MILLISECONDS)
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
    running = false;
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

  /**
   * A new owner of the partition: entries the previous owner read but never acknowledged are
   * claimed at once (idle 0: nobody else reads this partition any more), then pending turns of the
   * partition's conversations are enqueued again (a turn stored just before its node died may never
   * have been enqueued). Duplicate jobs are harmless: they find nothing pending.
   */
  private Future<Void> takeOver() {
    return queue
        .reclaim(consumer, partitions, 0, 1000)
        .compose(
            claimed -> {
              if (!claimed.isEmpty()) {
                LOG.info(
                    "Took over {} unacknowledged job(s) of partition {} from its previous owner",
                    claimed.size(),
                    ownedPartition);
                metrics.reclaimed(claimed.size());
                // Dispatched once the worker is running; order per conversation is kept by the job
                // chain.
                vertx.runOnContext(v -> claimed.forEach(this::dispatch));
              }
              return recoverPending(0);
            });
  }

  /**
   * Turns pending in PostgreSQL for longer than {@code olderThanMs} whose jobs may be lost (a
   * previous process died, or the enqueue failed after the insert): enqueue their conversations
   * again. At start-up every pending turn counts; later a periodic sweep catches stragglers. A
   * duplicate job is harmless: it finds nothing pending.
   */
  private Future<Void> recoverPending(long olderThanMs) {
    return turns
        .pendingConversations(olderThanMs)
        .compose(
            list -> {
              List<Future<Void>> enqueued = new ArrayList<>();
              for (PendingConversation row : list) {
                String conversationId = row.conversationId();
                if (ownedPartition >= 0
                    && ShardRouter.shardOf(conversationId, shards) != ownedPartition) {
                  continue;
                }
                enqueued.add(
                    queue.enqueue(
                        new TurnJob(
                            UUID.randomUUID().toString(),
                            conversationId,
                            row.seq(),
                            ShardRouter.shardOf(conversationId, shards),
                            row.hasUser() ? "user" : "ai",
                            System.currentTimeMillis())));
              }
              if (!enqueued.isEmpty()) {
                LOG.info(
                    "Re-enqueued pending turns of {} conversation(s) waiting for more than {} ms",
                    enqueued.size(),
                    olderThanMs);
              }
              return Future.all(enqueued).<Void>mapEmpty();
            });
  }

  private int maxInFlight() {
    return queueConfig().getInteger("max_in_flight", 512);
  }

  private void readLoop() {
    if (!running || reading || inFlight >= maxInFlight()) {
      return;
    }
    reading = true;
    int room = Math.min(queueConfig().getInteger("batch_size", 64), maxInFlight() - inFlight);
    queue
        .read(consumer, partitions, room, 1000)
        .onComplete(
            ar -> {
              reading = false;
              if (ar.succeeded()) {
                // A read still outstanding when the workers were stopped delivers here: those jobs
                // are
                // taken, so they are processed; the drain waits for them.
                ar.result().forEach(this::dispatch);
                checkDrained();
                readLoop();
              } else {
                LOG.warn("Queue read failed, retrying in 1 s: {}", ar.cause().getMessage());
                vertx.setTimer(1000, t -> readLoop());
              }
            });
  }

  private void reclaim() {
    if (!running) {
      return;
    }
    long idle = queueConfig().getLong("claim_idle_ms", 15000L);
    queue
        .reclaim(consumer, partitions, idle, 100)
        .onSuccess(
            list -> {
              // Jobs this worker still holds are queued behind their conversation, not stalled.
              List<Delivery> stalled = list.stream().filter(d -> !held.contains(d.id())).toList();
              if (!stalled.isEmpty()) {
                LOG.info(
                    "Reclaimed {} stalled job(s) idle for more than {} ms", stalled.size(), idle);
                metrics.reclaimed(stalled.size());
                stalled.forEach(this::dispatch);
              }
            });
  }

  /**
   * Runs the job now if its conversation is idle; otherwise it waits, and every job that waited
   * meanwhile is handled in one go once the running one is done: cleaning up to the highest seq
   * among them covers them all. So a conversation with a backlog is worked off many turns per round
   * trip instead of one job at a time, and cannot hold the worker's in-flight slots for long.
   */
  private void dispatch(Delivery delivery) {
    inFlight++;
    held.add(delivery.id());
    metrics.queueWait(System.currentTimeMillis() - delivery.job().enqueuedAt());
    String conversationId = delivery.job().conversationId();
    waitingByConversation.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(delivery);
    if (busyConversations.add(conversationId)) {
      runNext(conversationId);
    }
  }

  private void runNext(String conversationId) {
    List<Delivery> jobs = waitingByConversation.remove(conversationId);
    if (jobs == null) {
      busyConversations.remove(conversationId);
      return;
    }
    processor
        .handleTogether(jobs)
        .onComplete(
            ar -> {
              for (Delivery done : jobs) {
                inFlight--;
                processed++;
                held.remove(done.id());
              }
              runNext(conversationId);
              checkDrained();
              readLoop();
            });
  }

  // ---- control and status ----

  private void control(Message<JsonObject> msg) {
    String action = msg.body().getString("action", "status");
    Future<Void> done =
        switch (action) {
          case "stop" -> drain();
          case "start" -> {
            running = true;
            readLoop();
            yield Future.succeededFuture();
          }
          default -> Future.succeededFuture();
        };
    done.onComplete(ar -> msg.reply(localStatus()));
  }

  /** Stops reading, then completes once the outstanding read has returned and its jobs are done. */
  private Future<Void> drain() {
    running = false;
    if (drained == null || drained.future().isComplete()) {
      drained = Promise.promise();
    }
    Future<Void> done = drained.future();
    checkDrained();
    return done;
  }

  private void checkDrained() {
    if (!running && !reading && inFlight == 0 && drained != null) {
      drained.tryComplete();
    }
  }

  private JsonObject localStatus() {
    boolean draining = !running && drained != null && !drained.future().isComplete();
    String state = running ? "running" : draining ? "draining" : "stopped";
    return new JsonObject()
        .put("instance", instance)
        .put("node_id", WorkerRegistry.nodeId(vertx))
        .put("worker", workerName())
        .put("running", running)
        .put("state", state)
        .put("in_flight", inFlight)
        .put("processed", processed)
        .put("partitions", new JsonArray(partitions));
  }

  private void controlAll(Message<JsonObject> msg) {
    String action = msg.body().getString("action", "status");
    Future<Void> flag =
        vertx.isClustered() && ("stop".equals(action) || "start".equals(action))
            ? WorkerRegistry.setClusterRunning(vertx, "start".equals(action))
            : Future.succeededFuture();
    flag.compose(v -> WorkerRegistry.requestAll(vertx, msg.body(), 60_000))
        .compose(this::overallStatus)
        .onComplete(ar -> reply(msg, ar));
  }

  private void status(Message<JsonObject> msg) {
    WorkerRegistry.requestAll(vertx, new JsonObject().put("action", "status"), 5_000)
        .compose(this::overallStatus)
        .onComplete(ar -> reply(msg, ar));
  }

  private static void reply(Message<JsonObject> msg, io.vertx.core.AsyncResult<JsonObject> ar) {
    if (ar.succeeded()) {
      msg.reply(ar.result());
    } else {
      msg.fail(io.cleanercontext.contract.ErrorCode.UNAVAILABLE.code(), ar.cause().getMessage());
    }
  }

  private Future<JsonObject> overallStatus(List<JsonObject> workerReplies) {
    List<Future<JsonObject>> parts = new ArrayList<>();
    for (int p = 0; p < shards; p++) {
      parts.add(queue.partitionStatus(p));
    }
    Future<Long> dead = queue.deadLetterCount();
    return Future.all(Future.all(parts), dead)
        .map(
            v -> {
              JsonArray partitionsJson = new JsonArray();
              long length = 0;
              long queued = 0;
              for (Future<JsonObject> part : parts) {
                partitionsJson.add(part.result());
                length += part.result().getLong("length");
                queued += part.result().getLong("in_flight");
              }
              boolean allRunning = true;
              boolean anyDraining = false;
              int runningWorkers = 0;
              JsonArray workers = new JsonArray();
              for (JsonObject w : workerReplies) {
                workers.add(w);
                allRunning &= w.getBoolean("running");
                anyDraining |= "draining".equals(w.getString("state"));
                runningWorkers += w.getBoolean("running") ? 1 : 0;
              }
              return metrics
                  .queueStatus()
                  .put("backend", queue.name())
                  .put("running", allRunning)
                  .put("state", allRunning ? "running" : anyDraining ? "draining" : "stopped")
                  .put("workers", runningWorkers)
                  .put("worker_instances", workers)
                  .put("partitions", partitionsJson)
                  .put("length", length)
                  .put("in_flight", queued)
                  .put("dead_lettered", dead.result())
                  .put("at", Instant.now().toString());
            });
  }
}
