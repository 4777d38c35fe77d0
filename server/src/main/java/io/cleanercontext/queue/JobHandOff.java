package io.cleanercontext.queue;

import io.cleanercontext.batch.Coalescer;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ShardJobs;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a queue worker does with the jobs it reads: hand each to the conversation's owner (the
 * cleaner shard of its partition, on this node; a read's jobs for one shard in one message) and act
 * on the owner's answer for it: acknowledge, hand the job back with backoff, or dead-letter it and
 * enqueue a fresh job for the conversation's later turns. The worker knows nothing of turns: the
 * shard sequences, cleans, stores and publishes them.
 */
final class JobHandOff {
  private static final Logger LOG = LoggerFactory.getLogger(JobHandOff.class);

  private final Vertx vertx;
  private final JobQueue queue;
  private final ProductMetrics metrics;
  private final QueueSettings config;
  private final DeliveryOptions toShard;
  private final int shards;

  /** Jobs per hand-over and the shard's time to answer them ({@code hand_over} batches). */
  private final Coalescer.Observer handOvers;

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
    this.handOvers = metrics.batches("hand_over");
    TurnJob.register(vertx);
  }

  /**
   * Hands the jobs of one read to their shards, one message per shard (its jobs in read order, so a
   * conversation's jobs keep theirs), and acts on each job's outcome; completes when every job is
   * acknowledged or handed back to the queue, never fails.
   */
  Future<Void> handle(List<Delivery> deliveries) {
    Map<Integer, List<Delivery>> byShard = new HashMap<>();
    for (Delivery delivery : deliveries) {
      byShard
          .computeIfAbsent(
              ShardRouter.shardOf(delivery.job().conversationId(), shards), s -> new ArrayList<>())
          .add(delivery);
    }
    List<Future<Void>> handed = new ArrayList<>(byShard.size());
    byShard.forEach((shard, group) -> handed.add(handOver(shard, group)));
    return handed.size() == 1
        ? handed.get(0)
        : Future.join(handed).transform(all -> Future.succeededFuture());
  }

  private Future<Void> handOver(int shard, List<Delivery> group) {
    List<TurnJob> jobs = new ArrayList<>(group.size());
    for (Delivery delivery : group) {
      jobs.add(delivery.job());
    }
    long sent = System.nanoTime();
    return vertx
        .eventBus()
        .<ShardJobs.Answers>request(Addresses.cleanerShard(shard), new ShardJobs(jobs), toShard)
        .transform(
            reply -> {
              handOvers.batchDone(group.size(), 0, System.nanoTime() - sent);
              List<Future<Void>> acted = new ArrayList<>(group.size());
              for (int i = 0; i < group.size(); i++) {
                Delivery delivery = group.get(i);
                acted.add(
                    reply.succeeded()
                        ? act(delivery, reply.result().body().outcomes().get(i))
                            .recover(e -> retry(delivery, e.getMessage()))
                        : retry(delivery, reply.cause().getMessage()));
              }
              return acted.size() == 1
                  ? acted.get(0)
                  : Future.join(acted).transform(all -> Future.succeededFuture());
            });
  }

  /**
   * No answer for the job (timeout, no shard, the shard's read or store failed, or acting on the
   * answer failed): try again later.
   */
  private Future<Void> retry(Delivery delivery, String why) {
    TurnJob job = delivery.job();
    TurnLog.warn(
        LOG,
        job.conversationId(),
        null,
        job.seq(),
        "Job {} failed, retrying: {}",
        job.jobId(),
        why);
    return queue.retry(delivery, backoff(1)).recover(retryFailure -> Future.succeededFuture());
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
      case FAILED -> retry(delivery, outcome.error());
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
