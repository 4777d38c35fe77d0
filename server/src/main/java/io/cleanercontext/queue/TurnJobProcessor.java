package io.cleanercontext.queue;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanRequest;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.PendingTurn;
import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.logging.TurnLog;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.PendingTurns;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queue worker does with one job: read the conversation's pending turns up to the job's seq
 * from PostgreSQL, have the owning shard clean them, store the results (leaving 'pending' in the
 * same statement), publish them, acknowledge. Failures are counted per turn in PostgreSQL; the job
 * goes back to the queue with backoff, and after the last attempt the turn is marked failed and
 * dead-lettered while the conversation's later turns flow on.
 */
final class TurnJobProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(TurnJobProcessor.class);

  private final Vertx vertx;
  private final JobQueue queue;
  private final PendingTurns turns;

  /**
   * The per-job reads and writes, shared with the jobs of other conversations handled meanwhile.
   */
  private final CoalescedTurnStore hotPath;

  private final StoredTurns stored = new StoredTurns();
  private final ResultPublisher publisher;
  private final ProductMetrics metrics;
  private final QueueSettings config;
  private final DeliveryOptions cleanOptions;
  private final int shards;

  /**
   * @param config the queue settings (attempts, backoff, the shard's answer timeout)
   */
  TurnJobProcessor(
      Vertx vertx,
      JobQueue queue,
      PendingTurns turns,
      CoalescedTurnStore hotPath,
      ProductMetrics metrics,
      QueueSettings config,
      int shards) {
    this.vertx = vertx;
    this.queue = queue;
    this.turns = turns;
    this.hotPath = hotPath;
    this.metrics = metrics;
    this.config = config;
    this.cleanOptions = new DeliveryOptions().setSendTimeout(config.cleanTimeoutMs());
    this.shards = shards;
    this.publisher = new ResultPublisher(vertx, hotPath, stored, metrics);
  }

  /**
   * Processes the job; completes when it is acknowledged or handed back to the queue, never fails.
   */
  Future<Void> handle(Delivery delivery) {
    return handle(delivery, stored.carriedRun(List.of(delivery)));
  }

  /**
   * @param known the turns up to the job's seq not yet stored, from carried turns, or null to read
   *     them
   */
  private Future<Void> handle(Delivery delivery, List<PendingTurn> known) {
    return process(delivery, known)
        .recover(
            e -> {
              if (e instanceof RetryScheduled) {
                return Future.succeededFuture();
              }
              TurnLog.warn(
                  LOG,
                  delivery.job().conversationId(),
                  null,
                  delivery.job().seq(),
                  "Job {} failed, retrying: {}",
                  delivery.job().jobId(),
                  e.getMessage());
              return queue
                  .retry(delivery, backoff(1))
                  .recover(retryFailure -> Future.succeededFuture());
            });
  }

  /**
   * Processes jobs of one conversation that queued up together: the one with the highest seq cleans
   * every pending turn up to it, so the others are covered and are acknowledged with it. That holds
   * whether the lead job succeeds or is handed back to the queue (its retry, or the fresh job after
   * a dead letter, still covers their seqs). When their carried turns are exactly the turns after
   * the last one this worker stored, they are cleaned without reading PostgreSQL. Never fails.
   */
  Future<Void> handleTogether(List<Delivery> deliveries) {
    if (deliveries.size() == 1) {
      return handle(deliveries.get(0));
    }
    Delivery lead =
        deliveries.stream().max(Comparator.comparingLong(d -> d.job().seq())).orElseThrow();
    return handle(lead, stored.carriedRun(deliveries))
        .compose(
            v -> {
              List<Future<Void>> acks = new ArrayList<>();
              for (Delivery d : deliveries) {
                if (d != lead) {
                  acks.add(queue.ack(d));
                }
              }
              // An ack that fails leaves its entry to be reclaimed later, when it finds nothing
              // pending.
              return Future.join(acks).<Void>mapEmpty().recover(e -> Future.succeededFuture());
            });
  }

  private long backoff(int attempt) {
    long base = config.retryBackoffMs();
    return base * (1L << Math.min(10, Math.max(0, attempt - 1)));
  }

  private Future<Void> process(Delivery delivery, List<PendingTurn> known) {
    if (known != null) {
      // Every earlier turn is stored and these are what ingest stored: no need to read them back.
      return cleanAndStore(delivery, known).compose(v -> queue.ack(delivery));
    }
    TurnJob job = delivery.job();
    // A job from ingest (it carries its turn) reads only after the turns this worker stored; a
    // recovery job reads from the conversation's first turn, whatever this worker believes.
    long after = job.carried() == null ? 0L : stored.readAfter(job.conversationId());
    return hotPath
        .pendingUpTo(job.conversationId(), after, job.seq())
        .compose(
            pending -> {
              if (pending.isEmpty()) {
                return queue.ack(delivery); // already done by an earlier job of this conversation
              }
              return cleanAndStore(delivery, pending)
                  .compose(
                      v -> {
                        // A full page means more pending turns up to this job's seq: go round
                        // again.
                        return pending.size() == CoalescedTurnStore.PENDING_PAGE
                            ? process(delivery, null)
                            : queue.ack(delivery);
                      });
            });
  }

  private Future<Void> cleanAndStore(Delivery delivery, List<PendingTurn> pending) {
    String conversationId = delivery.job().conversationId();
    List<CleanRequest.TurnToClean> input = new ArrayList<>(pending.size());
    pending.forEach(p -> input.add(p.turn()));
    CleanRequest request = new CleanRequest(conversationId, input);
    String shardAddress = Addresses.cleanerShard(ShardRouter.shardOf(conversationId, shards));
    return vertx
        .eventBus()
        .<JsonObject>request(shardAddress, request.toJson(), cleanOptions)
        .compose(
            reply -> {
              JsonObject body = reply.body();
              List<CleanedTurn> results = new ArrayList<>();
              JsonArray array = body.getJsonArray("results");
              for (int i = 0; i < array.size(); i++) {
                results.add(CleanedTurn.fromJson(array.getJsonObject(i)));
              }
              Future<Void> stored =
                  results.isEmpty()
                      ? Future.succeededFuture()
                      : publisher.store(conversationId, pending, results);
              String failedTurn = body.getString("failed_turn_id");
              if (failedTurn == null) {
                return stored;
              }
              return stored.compose(
                  v -> attemptFailed(delivery, pending, failedTurn, body.getString("error")));
            },
            failure -> {
              // The shard did not answer at all (timeout, no handler): count it against the first
              // turn.
              String reason =
                  failure instanceof ReplyException re
                      ? re.failureType() + ": " + re.getMessage()
                      : failure.getMessage();
              return attemptFailed(delivery, pending, pending.get(0).turn().turnId(), reason);
            });
  }

  /**
   * A turn could not be cleaned: count the attempt in PostgreSQL (so it survives crashes); after
   * the last attempt it is marked failed, published as such and dead-lettered, and the
   * conversation's later turns flow on.
   */
  private Future<Void> attemptFailed(
      Delivery delivery, List<PendingTurn> pending, String turnId, String error) {
    int maxAttempts = config.maxAttempts();
    return turns
        .recordAttempt(turnId, error)
        .compose(
            attempts -> {
              metrics.retried();
              if (attempts < maxAttempts) {
                return queue
                    .retry(delivery, backoff(attempts))
                    .compose(v -> Future.failedFuture(new RetryScheduled()));
              }
              PendingTurn failed =
                  pending.stream()
                      .filter(p -> p.turn().turnId().equals(turnId))
                      .findFirst()
                      .orElseThrow();
              JsonObject metadata = new JsonObject().put("attempts", attempts);
              CleanedTurn verdict =
                  new CleanedTurn(turnId, failed.turn().seq(), "failed", null, metadata, error);
              TurnLog.warn(
                  LOG,
                  delivery.job().conversationId(),
                  turnId,
                  failed.turn().seq(),
                  "Turn failed after {} attempts, dead-lettered: {}",
                  attempts,
                  error);
              return publisher
                  .store(delivery.job().conversationId(), pending, List.of(verdict))
                  .compose(
                      v ->
                          queue.deadLetter(
                              new Delivery(delivery.id(), delivery.job(), delivery.deliveries()),
                              "turn " + turnId + ": " + error))
                  .compose(
                      v -> {
                        metrics.deadLettered();
                        // The conversation's later turns are still pending: a fresh job carries
                        // them on.
                        return queue.enqueue(
                            new TurnJob(
                                UUID.randomUUID().toString(),
                                delivery.job().conversationId(),
                                delivery.job().seq(),
                                delivery.job().partition(),
                                delivery.job().role(),
                                System.currentTimeMillis()));
                      })
                  .compose(v -> Future.failedFuture(new RetryScheduled()));
            });
  }

  /** Marks a job handed back to the queue; not an error to retry again. */
  private static final class RetryScheduled extends RuntimeException {
    RetryScheduled() {
      super("retry scheduled", null, false, false);
    }
  }
}
