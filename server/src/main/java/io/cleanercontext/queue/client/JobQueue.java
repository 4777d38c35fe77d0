package io.cleanercontext.queue.client;

import io.cleanercontext.contract.TurnJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The durable dispatch of turn jobs, partitioned by cleaner shard so that one conversation's jobs
 * stay in one ordered lane. Two backends share these semantics: Redis Streams with a consumer group
 * (production) and an in-memory queue (one node, owned by {@link InMemoryQueueVerticle} and reached
 * over the event bus). Within a partition, jobs of one role are read in the order they were
 * enqueued. {@code JobQueueContract} in the tests states these rules for every backend.
 */
public interface JobQueue {

  /** Backend name for status and logs: {@code redis} or {@code memory}. */
  String name();

  Future<Void> enqueue(TurnJob job);

  /**
   * Up to {@code max} new jobs from the given partitions, waiting up to {@code blockMs} for the
   * first.
   */
  Future<List<Delivery>> read(String consumer, List<Integer> partitions, int max, long blockMs);

  /** The job is done: its result is in PostgreSQL. */
  Future<Void> ack(Delivery delivery);

  /** Puts the job back after {@code delayMs}; the in-flight copy is released. */
  Future<Void> retry(Delivery delivery, long delayMs);

  /** Gives up on the job: it goes to the dead-letter list with the reason, and is released. */
  Future<Void> deadLetter(Delivery delivery, String reason);

  /**
   * Jobs handed out longer than {@code idleMs} ago and never acked (their worker died): taken over.
   */
  Future<List<Delivery>> reclaim(String consumer, List<Integer> partitions, long idleMs, int max);

  /** {@code {partition, length, in_flight}} for one partition. */
  Future<JsonObject> partitionStatus(int partition);

  /** Jobs given up on so far. */
  Future<Long> deadLetterCount();

  /** One round trip to the backend, for health checks; fails when the backend does not answer. */
  Future<QueueProbe> probe();

  Future<Void> close();
}
