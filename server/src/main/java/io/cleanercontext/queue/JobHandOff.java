package io.cleanercontext.queue;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.logging.TurnLog;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queue worker does with one job: hand it to the conversation's owner (the cleaner shard of
 * its partition, on this node) and act on the owner's answer: acknowledge, hand the job back with
 * backoff, or dead-letter it and enqueue a fresh job for the conversation's later turns. The worker
 * knows nothing of turns: the shard sequences, cleans, stores and publishes them.
 */
final class JobHandOff {
  private static final Logger LOG = LoggerFactory.getLogger(JobHandOff.class);

  private final Vertx vertx;
  private final JobQueue queue;
  private final ProductMetrics metrics;
  private final QueueSettings config;
  private final DeliveryOptions toShard;
  private final int shards;

  /**
   * @param config the queue settings (backoff, the shard's answer timeout)
   */
  JobHandOff(
      Vertx vertx, JobQueue queue, ProductMetrics metrics, QueueSettings config, int shards) {
    this.vertx = vertx;
    this.queue = queue;
    this.metrics = metrics;
    this.config = config;
    this.toShard = new DeliveryOptions().setSendTimeout(config.cleanTimeoutMs()).setLocalOnly(true);
    this.shards = shards;
    TurnJob.register(vertx);
  }

  /**
   * Handles the job; completes when it is acknowledged or handed back to the queue, never fails.
   */
  Future<Void> handle(Delivery delivery) {
    TurnJob job = delivery.job();
    String shard = Addresses.cleanerShard(ShardRouter.shardOf(job.conversationId(), shards));
    return vertx
        .eventBus()
        .<ShardOutcome>request(shard, job, toShard)
        .compose(reply -> act(delivery, reply.body()))
        .recover(
            e -> {
              // No answer (timeout, no shard, the shard's store failed): try again later.
              TurnLog.warn(
                  LOG,
                  job.conversationId(),
                  null,
                  job.seq(),
                  "Job {} failed, retrying: {}",
                  job.jobId(),
                  e.getMessage());
              return queue
                  .retry(delivery, backoff(1))
                  .recover(retryFailure -> Future.succeededFuture());
            });
  }

  private Future<Void> act(Delivery delivery, ShardOutcome outcome) {
    return switch (outcome.kind()) {
      case DONE -> queue.ack(delivery);
      case RETRY -> {
        metrics.retried();
        yield queue.retry(delivery, backoff(outcome.attempts()));
      }
      case DEAD_LETTER -> {
        metrics.retried();
        yield deadLetter(delivery, outcome);
      }
    };
  }

  /**
   * The job's turn is stored as failed: dead-letter the job, and let a fresh job carry the
   * conversation's later turns (still pending) on.
   */
  private Future<Void> deadLetter(Delivery delivery, ShardOutcome outcome) {
    TurnJob job = delivery.job();
    return queue
        .deadLetter(
            new Delivery(delivery.id(), job, delivery.deliveries()),
            "turn " + outcome.turnId() + ": " + outcome.error())
        .compose(
            v -> {
              metrics.deadLettered();
              return queue.enqueue(
                  new TurnJob(
                      UUID.randomUUID().toString(),
                      job.conversationId(),
                      job.seq(),
                      job.partition(),
                      job.role(),
                      System.currentTimeMillis()));
            });
  }

  private long backoff(int attempt) {
    long base = config.retryBackoffMs();
    return base * (1L << Math.min(10, Math.max(0, attempt - 1)));
  }
}
