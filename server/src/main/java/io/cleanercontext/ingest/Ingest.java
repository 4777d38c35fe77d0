package io.cleanercontext.ingest;

import io.cleanercontext.batch.HandOver;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.contract.Submission;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.IdempotencyKeys;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue producer, the last step of the intake: gives each submitted turn the next seq of its
 * conversation, stores it as pending and enqueues its job, then answers the acceptance ({@link
 * SubmissionAccepted}). A turn stored but not enqueued (the queue failed in between) is still safe:
 * it is pending in PostgreSQL and is re-enqueued at the next start-up or by the conversation's next
 * job.
 *
 * <p>One per node ({@link Shared}): the first API instance to start opens it on its own event loop
 * and calls it directly, so on a node with one HTTP instance (the default up to 3 cores) a turn's
 * way in has no hand-over at all; another instance's submissions are handed to that event loop and
 * answered back on their own. One producer per node, because the submissions handled at the same
 * time share one transaction (one commit for many accepted turns) and one pipelined enqueue, and
 * two producers' transactions would wait on the same conversation rows' locks (docs/DEPLOYMENT.md,
 * "Sizing").
 */
public final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  /**
   * How long a submission may take to be stored and enqueued before the caller hears 504 (the turn
   * may still be stored: a retry with the same Idempotency-Key tells).
   */
  static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Context home;
  private final Pool pool;
  private final JobQueue queue;
  private final TurnIntake intake;
  private final long purgeTimer;

  private Ingest(
      Vertx vertx,
      Context home,
      Pool pool,
      JobQueue queue,
      TurnIntake intake,
      QueueSettings config) {
    this.vertx = vertx;
    this.home = home;
    this.pool = pool;
    this.queue = queue;
    this.intake = intake;
    long window = config.idempotencyWindowMs();
    this.purgeTimer = vertx.setPeriodic(config.idempotencyPurgeMs(), t -> purgeKeys(window));
  }

  /**
   * Opens the producer on the caller's context: its pool, its queue client, its admission control.
   *
   * @param config the queue settings, with the effective backend
   * @param database the database as running (its URL, pool size, batches in flight)
   * @param name names the pool (e.g. the API instance's id)
   */
  public static Future<Ingest> open(
      Vertx vertx,
      QueueSettings config,
      DatabaseSettings database,
      int shards,
      ProductMetrics metrics,
      String name) {
    Pool pool =
        Database.hotPathPool(
            vertx, database.url(), database.pipelinePoolSize(), "pg-ingest-" + name);
    // Everything of the producer runs on this context, wherever the queue's opening completes.
    Context home = vertx.getOrCreateContext();
    CoalescedTurnStore turns =
        new CoalescedTurnStore(home, pool, database.batchesInFlight(), metrics);
    return JobQueues.open(vertx, config, shards, metrics)
        .compose(
            queue -> {
              // Made on the producer's context, so its timers (admission, purge) run there too.
              Promise<Ingest> made = Promise.promise();
              home.runOnContext(
                  v -> {
                    Admission admission = new Admission(queue, shards, config.maxBacklog());
                    admission.start(vertx, config.backlogSampleMs());
                    TurnIntake intake =
                        new TurnIntake(
                            turns, queue, admission, metrics, shards, config.idempotencyWindowMs());
                    made.complete(new Ingest(vertx, home, pool, queue, intake, config));
                  });
              return made.future();
            })
        .onFailure(e -> pool.close());
  }

  /**
   * Stores the submission's turns (all or none, in order, with its idempotency key if any) and
   * enqueues them; answers on the caller's context. Fails with a {@link ServiceException} saying
   * why a submission was not accepted (key reused, overloaded, no such conversation, turn exists,
   * storage unavailable, no answer within {@link #TIMEOUT_MS}).
   */
  public Future<SubmissionAccepted> submit(Submission submission) {
    Promise<SubmissionAccepted> answer = Promise.promise();
    // A timer of the caller's event loop (Future.timeout on a future without a context would wake
    // a thread of its own for every submission).
    long timer =
        vertx.setTimer(
            TIMEOUT_MS,
            t ->
                answer.tryFail(
                    new ServiceException(ErrorCode.TIMEOUT, "the server did not answer in time")));
    HandOver.to(home, () -> accept(submission))
        .onComplete(
            ar -> {
              vertx.cancelTimer(timer);
              if (ar.succeeded()) {
                answer.tryComplete(ar.result());
              } else {
                answer.tryFail(ar.cause());
              }
            });
    return answer.future();
  }

  private Future<SubmissionAccepted> accept(Submission submission) {
    return intake
        .accept(submission.turns(), submission.idempotencyKey(), submission.requestHash())
        .recover(e -> Future.failedFuture(IngestFailure.of(e, submission.turns().get(0))));
  }

  /** Whether this producer was opened on {@code context} (its owner, who closes it). */
  public boolean homeIs(Context context) {
    return context == home;
  }

  public Future<Void> close() {
    vertx.cancelTimer(purgeTimer);
    return queue.close().eventually(pool::close);
  }

  /**
   * The node's one producer, shared by its API instances: opened by the first to ask, on its own
   * context; every later caller gets the same one, answered on the caller's context.
   */
  public static final class Shared {
    private Future<Ingest> opened;

    /**
     * The node's producer; {@code opener} runs only for the first caller, on its context (that
     * caller owns it: {@link Ingest#homeIs}, and closes it).
     */
    public Future<Ingest> open(Supplier<Future<Ingest>> opener) {
      Future<Ingest> shared;
      boolean first;
      synchronized (this) {
        first = opened == null;
        if (first) {
          opened = opener.get();
        }
        shared = opened;
      }
      return first ? shared : HandOver.toCaller(shared);
    }
  }

  /**
   * Deletes idempotency keys past their window (every instance does; a second delete finds
   * nothing).
   */
  private void purgeKeys(long windowMs) {
    IdempotencyKeys.purge(pool, windowMs)
        .onSuccess(
            n -> {
              if (n > 0) {
                LOG.debug("Purged {} idempotency key(s) older than {} ms", n, windowMs);
              }
            })
        .onFailure(e -> LOG.warn("Cannot purge idempotency keys: {}", e.getMessage()));
  }
}
