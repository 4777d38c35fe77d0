package io.cleanercontext.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnJob;
import io.cleanercontext.queue.client.Delivery;
import io.cleanercontext.queue.client.JobQueue;
import io.cleanercontext.queue.client.JobQueues;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory backend: {@link InMemoryQueueVerticle} reached through its client. */
class InMemoryJobQueueTest extends JobQueueContract {
  private Vertx vertx;
  private String deployment;

  @Override
  Future<JobQueue> open(Vertx vertx) {
    this.vertx = vertx;
    return vertx
        .deployVerticle(new InMemoryQueueVerticle(PARTITIONS))
        .compose(
            id -> {
              deployment = id;
              return client();
            });
  }

  private Future<JobQueue> client() {
    return JobQueues.open(
        vertx,
        QueueSettings.from(new JsonObject().put("backend", "memory")),
        PARTITIONS,
        ProductMetrics.create(Duration.ofMinutes(1)));
  }

  private static TurnJob job(String id, String role) {
    return new TurnJob(id, "c-" + id, 1, 0, Speaker.ofWire(role), 0L);
  }

  @Test
  void everyClientOfTheProcessSharesTheOneQueue() {
    JobQueue other = client().await();
    queue.enqueue(job("j", "user")).await();
    assertThat(other.read("w", List.of(0), 10, 100).await())
        .extracting(d -> d.job().jobId())
        .containsExactly("j");
  }

  @Test
  void userTurnsAreReadBeforeAiTurnsOfTheSamePartition() {
    queue.enqueue(job("ai", "ai")).await();
    queue.enqueue(job("user", "user")).await();
    assertThat(queue.read("w", List.of(0), 10, 100).await())
        .extracting(d -> d.job().jobId())
        .containsExactly("user", "ai");
  }

  @Test
  void undeployingTheQueueEndsWaitingReadsAndLaterRequestsFail() {
    Future<List<Delivery>> waiting = queue.read("w", List.of(0), 10, 20_000);
    Subscription.sleep(100);
    vertx.undeploy(deployment).await();
    assertThat(waiting.await()).isEmpty();
    Future<Void> refused = queue.enqueue(job("late", "user"));
    assertThat(refused.transform(ar -> Future.succeededFuture(ar.failed())).await()).isTrue();
  }
}
