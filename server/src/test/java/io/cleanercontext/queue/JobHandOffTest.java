package io.cleanercontext.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ShardJobs;
import io.cleanercontext.contract.ShardOutcome;
import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker's hand-over of one read's jobs against the in-memory queue, with stand-in shards: one
 * message per shard carrying its jobs in read order, and each job acknowledged or handed back on
 * its own outcome.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class JobHandOffTest {
  private static final int SHARDS = 2;

  /** The jobs of each message a stand-in shard received, by shard. */
  private final Map<Integer, List<List<String>>> received = new ConcurrentHashMap<>();

  private JobQueue queue;
  private JobHandOff handOff;

  @BeforeEach
  void start(Vertx vertx) {
    vertx.deployVerticle(new InMemoryQueueVerticle(SHARDS)).await();
    QueueSettings settings =
        QueueSettings.from(new JsonObject().put("backend", "memory").put("retry_backoff_ms", 10));
    ProductMetrics metrics = ProductMetrics.create(Duration.ofMinutes(1));
    queue = JobQueues.open(vertx, settings, SHARDS, metrics).await();
    handOff = new JobHandOff(vertx, queue, metrics, settings, SHARDS);
  }

  /** A shard that answers DONE, except FAILED for a conversation named "failing-...". */
  private void standInShard(Vertx vertx, int shard) {
    received.put(shard, new CopyOnWriteArrayList<>());
    vertx
        .eventBus()
        .<ShardJobs>consumer(
            Addresses.cleanerShard(shard),
            msg -> {
              List<String> ids = new ArrayList<>();
              List<ShardOutcome> outcomes = new ArrayList<>();
              for (TurnJob job : msg.body().jobs()) {
                ids.add(job.jobId());
                outcomes.add(
                    job.conversationId().startsWith("failing")
                        ? ShardOutcome.failed("store down")
                        : ShardOutcome.DONE);
              }
              received.get(shard).add(ids);
              msg.reply(new ShardJobs.Answers(outcomes));
            })
        .completion()
        .await();
  }

  /** A conversation id with this prefix that hashes to the shard. */
  private static String conversationOf(String prefix, int shard) {
    for (int i = 0; ; i++) {
      String id = prefix + "-" + i;
      if (ShardRouter.shardOf(id, SHARDS) == shard) {
        return id;
      }
    }
  }

  private void enqueue(String jobId, String conversation) {
    int partition = ShardRouter.shardOf(conversation, SHARDS);
    queue.enqueue(new TurnJob(jobId, conversation, 1, partition, Speaker.USER, 0L)).await();
  }

  private List<Delivery> readAll(int expected) {
    List<Delivery> read = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 5_000;
    while (read.size() < expected && System.currentTimeMillis() < deadline) {
      read.addAll(queue.read("w", List.of(0, 1), 10, 100).await());
    }
    return read;
  }

  @Test
  void aReadsJobsGoToEachShardInOneMessageInReadOrder(Vertx vertx) {
    standInShard(vertx, 0);
    standInShard(vertx, 1);
    enqueue("a0", conversationOf("a", 0));
    enqueue("b0", conversationOf("b", 0));
    enqueue("c1", conversationOf("c", 1));
    enqueue("d1", conversationOf("d", 1));

    handOff.handle(readAll(4)).await();

    assertThat(received.get(0)).containsExactly(List.of("a0", "b0"));
    assertThat(received.get(1)).containsExactly(List.of("c1", "d1"));
    Subscription.sleep(50); // past the retry backoff: nothing comes back
    assertThat(queue.read("w", List.of(0, 1), 10, 100).await()).isEmpty();
    assertThat(queue.reclaim("other", List.of(0, 1), 0, 10).await()).isEmpty();
  }

  @Test
  void onlyTheJobAShardCouldNotHandleIsHandedBack(Vertx vertx) {
    standInShard(vertx, 0);
    enqueue("ok", conversationOf("ok", 0));
    enqueue("bad", conversationOf("failing", 0));

    handOff.handle(readAll(2)).await();

    Subscription.sleep(50);
    assertThat(readAll(1)).extracting(d -> d.job().jobId()).containsExactly("bad");
  }

  @Test
  void theJobsOfAShardThatDoesNotAnswerAreHandedBackAndTheOthersAcknowledged(Vertx vertx) {
    standInShard(vertx, 0); // shard 1 is not deployed
    enqueue("answered", conversationOf("x", 0));
    enqueue("unanswered", conversationOf("y", 1));

    handOff.handle(readAll(2)).await();

    Subscription.sleep(50);
    assertThat(readAll(1)).extracting(d -> d.job().jobId()).containsExactly("unanswered");
    assertThat(queue.read("w", List.of(0, 1), 10, 100).await()).isEmpty();
  }
}
