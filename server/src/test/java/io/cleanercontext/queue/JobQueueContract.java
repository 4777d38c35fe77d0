package io.cleanercontext.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.QueueProbe;
import io.cleanercontext.support.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link JobQueue} backend must do, run against each of them by a subclass: the
 * in-memory verticle and Redis Streams.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
abstract class JobQueueContract {
  static final int PARTITIONS = 2;

  JobQueue queue;

  /** The backend under test, with {@link #PARTITIONS} partitions and nothing in them. */
  abstract Future<JobQueue> open(Vertx vertx);

  @BeforeEach
  void openQueue(Vertx vertx) {
    queue = open(vertx).await();
  }

  @AfterEach
  void closeQueue() {
    queue.close().await();
  }

  private static TurnJob job(String conversation, long seq, int partition) {
    return new TurnJob(
        UUID.randomUUID().toString(),
        conversation,
        seq,
        partition,
        Speaker.USER,
        System.currentTimeMillis());
  }

  private static List<Long> seqs(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> d.job().seq()).toList();
  }

  /** {@code partition}, {@code length}, {@code in_flight}. */
  private static List<Long> fields(JsonObject status) {
    return List.of(
        status.getLong("partition"), status.getLong("length"), status.getLong("in_flight"));
  }

  private JsonObject status(int partition) {
    return queue.partitionStatus(partition).await();
  }

  @Test
  void aPartitionsJobsAreReadInTheOrderTheyWereEnqueuedAndOnlyByItsReaders() {
    for (long seq = 1; seq <= 3; seq++) {
      queue.enqueue(job("a", seq, 0)).await();
    }
    queue.enqueue(job("b", 9, 1)).await();
    assertThat(seqs(queue.read("w", List.of(0), 10, 100).await())).containsExactly(1L, 2L, 3L);
    List<Delivery> other = queue.read("w", List.of(1), 10, 100).await();
    assertThat(other).extracting(d -> d.job().conversationId()).containsExactly("b");
  }

  @Test
  void aReadWithNothingWaitingWaitsUpToBlockMsThenReturnsEmpty() {
    long started = System.nanoTime();
    assertThat(queue.read("w", List.of(0, 1), 10, 400).await()).isEmpty();
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void aWaitingReadIsAnsweredByTheNextEnqueue() {
    Future<List<Delivery>> waiting = queue.read("w", List.of(1), 10, 20_000);
    Subscription.sleep(200);
    assertThat(waiting.isComplete()).as("nothing to read yet").isFalse();
    queue.enqueue(job("a", 1, 1)).await();
    assertThat(seqs(waiting.await())).containsExactly(1L);
  }

  @Test
  void anAckedJobLeavesTheQueueAndIsNeverReclaimed() {
    queue.enqueue(job("a", 1, 0)).await();
    Delivery delivery = queue.read("w", List.of(0), 10, 100).await().get(0);
    assertThat(status(0).getLong("in_flight")).isEqualTo(1L);
    queue.ack(delivery).await();
    assertThat(status(0).getLong("in_flight")).isZero();
    assertThat(status(0).getLong("length")).isZero();
    assertThat(queue.reclaim("other", List.of(0), 0, 10).await()).isEmpty();
    assertThat(queue.read("w", List.of(0), 10, 100).await()).isEmpty();
  }

  @Test
  void aDeliveryLeftIdleIsReclaimedByAnotherConsumer() {
    TurnJob job = job("a", 1, 0);
    queue.enqueue(job).await();
    queue.read("dies", List.of(0), 10, 100).await();
    assertThat(queue.reclaim("other", List.of(0), 60_000, 10).await())
        .as("not idle long enough")
        .isEmpty();
    Subscription.sleep(400);
    List<Delivery> reclaimed = queue.reclaim("other", List.of(0), 300, 10).await();
    assertThat(reclaimed).extracting(d -> d.job().jobId()).containsExactly(job.jobId());
    assertThat(queue.reclaim("third", List.of(0), 300, 10).await())
        .as("just taken over, so not idle")
        .isEmpty();
    assertThat(status(0).getLong("in_flight")).isEqualTo(1L);
  }

  @Test
  void aRetriedJobIsReadAgainOnlyAfterItsDelay() {
    TurnJob job = job("a", 1, 0);
    queue.enqueue(job).await();
    Delivery delivery = queue.read("w", List.of(0), 10, 100).await().get(0);
    Future<Void> retried = queue.retry(delivery, 600);
    assertThat(queue.read("w", List.of(0), 10, 100).await()).as("within the delay").isEmpty();
    retried.await();
    List<Delivery> again = queue.read("w", List.of(0), 10, 5_000).await();
    assertThat(again).extracting(d -> d.job().jobId()).containsExactly(job.jobId());
    assertThat(status(0).getLong("in_flight")).as("the first delivery is released").isEqualTo(1L);
  }

  @Test
  void deadLetteredJobsAreCountedAndReleased() {
    queue.enqueue(job("a", 1, 0)).await();
    queue.enqueue(job("b", 1, 1)).await();
    List<Delivery> taken = queue.read("w", List.of(0, 1), 10, 100).await();
    assertThat(taken).hasSize(2);
    assertThat(queue.deadLetterCount().await()).isZero();
    for (Delivery d : taken) {
      queue.deadLetter(d, "poison").await();
    }
    assertThat(queue.deadLetterCount().await()).isEqualTo(2L);
    assertThat(status(0).getLong("in_flight") + status(1).getLong("in_flight")).isZero();
    assertThat(queue.reclaim("other", List.of(0, 1), 0, 10).await()).isEmpty();
  }

  @Test
  void partitionStatusCountsWaitingAndInFlightJobs() {
    for (long seq = 1; seq <= 3; seq++) {
      queue.enqueue(job("a", seq, 1)).await();
    }
    queue.read("w", List.of(1), 1, 100).await();
    assertThat(fields(status(1))).containsExactly(1L, 2L, 1L);
    assertThat(fields(status(0))).containsExactly(0L, 0L, 0L);
  }

  @Test
  void theProbeNamesTheBackendAndTimesTheRoundTrip() {
    QueueProbe probe = queue.probe().await();
    assertThat(probe.backend()).isEqualTo(queue.name());
    assertThat(probe.roundTripMs()).isGreaterThanOrEqualTo(0.0);
    assertThat(probe.toJson().getString("backend")).isEqualTo(queue.name());
  }
}
