package io.cleanercontext.ingest;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Submission;
import io.cleanercontext.contract.SubmissionAccepted;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.store.CoalescedTurnStore;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.IdempotencyKeys;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue producer: gives each submitted turn the next seq of its conversation, stores it as
 * pending, and enqueues its job, then tells the caller it was accepted ({@link
 * SubmissionAccepted}). A turn stored but not enqueued (the queue failed in between) is still safe:
 * it is pending in PostgreSQL and is re-enqueued at the next start-up or by the conversation's next
 * job.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

  private final QueueSettings config;
  private final DatabaseSettings database;
  private final int shards;
  private Pool pool;
  private JobQueue queue;
  private final ProductMetrics metrics;
  private TurnIntake intake;

  /**
   * @param config the queue settings, with the effective backend
   * @param database the database as running (its URL, pool size, batches in flight)
   * @param metrics the process's meters
   */
  public IngestVerticle(
      QueueSettings config, DatabaseSettings database, int shards, ProductMetrics metrics) {
    this.config = config;
    this.database = database;
    this.shards = shards;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    SubmissionAccepted.register(vertx);
    Submission.register(vertx);
    pool =
        Database.hotPathPool(
            vertx,
            database.url(),
            database.pipelinePoolSize(),
            "pg-ingest-" + UUID.randomUUID().toString().substring(0, 8));
    // Submissions arriving together share one transaction: one commit for many accepted turns.
    CoalescedTurnStore turns =
        new CoalescedTurnStore(context, pool, database.batchesInFlight(), metrics);
    long window = config.idempotencyWindowMs();
    return JobQueues.open(vertx, config, shards, metrics)
        .compose(
            q -> {
              queue = q;
              Admission admission = new Admission(q, shards, config.maxBacklog());
              admission.start(vertx, config.backlogSampleMs());
              intake = new TurnIntake(turns, q, admission, metrics, shards, window);
              vertx.setPeriodic(config.idempotencyPurgeMs(), t -> purgeKeys(window));
              return vertx
                  .eventBus()
                  .<Submission>consumer(Addresses.TURNS_SUBMIT, this::accept)
                  .completion();
            });
  }

  @Override
  public Future<?> stop() {
    return queue.close().compose(v -> pool.close());
  }

  /**
   * Deletes idempotency keys past their window (every node does; a second delete finds nothing).
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

  /** Turns of one conversation, stored all or none, in order, with the idempotency key if any. */
  private void accept(Message<Submission> msg) {
    Submission submission = msg.body();
    intake
        .accept(submission.turns(), submission.idempotencyKey(), submission.requestHash())
        .onSuccess(msg::reply)
        .onFailure(e -> IngestFailure.reply(msg, e, submission.turns().get(0)));
  }
}
