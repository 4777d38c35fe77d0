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
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker's reading against the in-memory queue, with jobs held by the test instead of a database:
 * a stop waits for the jobs in flight, and a start resumes reading.
 */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class ReadLoopTest {
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final List<Promise<Void>> running = new CopyOnWriteArrayList<>();
  private JobQueue queue;
  private Context context;
  private ReadLoop loop;

  @BeforeEach
  void start(Vertx vertx) {
    vertx.deployVerticle(new InMemoryQueueVerticle(1)).await();
    queue =
        JobQueues.open(
                vertx,
                QueueSettings.from(new JsonObject().put("backend", "memory")),
                1,
                ProductMetrics.create(Duration.ofMinutes(1)))
            .await();
    context = vertx.getOrCreateContext();
    loop =
        new ReadLoop(
            vertx,
            queue,
            "worker",
            List.of(0),
            new ReadLoop.Settings(64, 512, 100),
            ProductMetrics.create(Duration.ofMinutes(1)),
            this::hold);
    on(
        () -> {
          loop.start();
          return null;
        });
  }

  private Future<Void> hold(List<Delivery> jobs) {
    jobs.forEach(job -> handled.add(job.job().conversationId()));
    Promise<Void> done = Promise.promise();
    running.add(done);
    return done.future();
  }

  /** Runs on the loop's event loop, as the worker verticle does. */
  private <T> T on(Supplier<T> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> result.complete(action.get()));
    return result.future().await();
  }

  private void enqueue(String conversation) {
    queue.enqueue(new TurnJob("job-" + conversation, conversation, 1, 0, Speaker.USER, 0L)).await();
  }

  private void awaitHandled(int count) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (handled.size() < count && System.currentTimeMillis() < deadline) {
      Subscription.sleep(20);
    }
    assertThat(handled).hasSize(count);
  }

  private void finishAll() {
    running.forEach(p -> context.runOnContext(v -> p.tryComplete()));
  }

  @Test
  void aStopCompletesOnlyOnceTheJobsInFlightAreDone() {
    enqueue("a");
    enqueue("b");
    awaitHandled(2);
    Future<Void> drained = on(loop::drain);
    Subscription.sleep(300); // past the outstanding read's block time
    assertThat(drained.isComplete()).as("two jobs still in flight").isFalse();
    assertThat(on(loop::state)).isEqualTo("draining");
    finishAll();
    drained.await();
    assertThat(on(loop::state)).isEqualTo("stopped");
    assertThat(on(loop::processed)).isEqualTo(2L);
  }

  @Test
  void aStoppedLoopReadsNothingUntilStartedAgain() {
    on(loop::drain).await();
    enqueue("later");
    Subscription.sleep(300);
    assertThat(handled).isEmpty();
    on(
        () -> {
          loop.start();
          return null;
        });
    awaitHandled(1);
    assertThat(handled).containsExactly("later");
    assertThat(on(loop::running)).isTrue();
  }
}
