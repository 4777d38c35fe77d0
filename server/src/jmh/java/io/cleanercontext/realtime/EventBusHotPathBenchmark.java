package io.cleanercontext.realtime;

import io.cleanercontext.bench.ShortRun;
import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The event-bus hops of every turn, apart from cleaning, JSON and I/O (see JsonCodecBenchmark):
 *
 * <ul>
 *   <li>{@code publishToSubscribers}: a turn event published on its conversation's address to the
 *       fan-out consumers of {@code gateways} event loops (one per API instance: sockets share their
 *       loop's consumer), each getting its own copy as a local delivery makes it. Score: events per
 *       second, all consumers served.
 *   <li>{@code requestReply}: a submission sent to a consumer on another event loop and its reply,
 *       the API → ingest hop. Score: round trips per second.
 * </ul>
 *
 * Both send 1,000 messages per operation from an event loop and wait for the last delivery.
 */
public class EventBusHotPathBenchmark extends ShortRun {
  private static final int BATCH = 1_000;
  private static final String SUBMIT = "bench.turns.submit";

  @Param({"2"})
  public int gateways;

  private Vertx vertx;
  private JsonObject event;
  private String address;
  private volatile CountDownLatch delivered;

  @Setup(Level.Trial)
  public void setUp() {
    event = HotPathMessages.turnEvent();
    address = Addresses.conversationTurns(HotPathMessages.conversationId());
    vertx = Vertx.vertx();
    for (int i = 0; i < gateways; i++) {
      vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.eventBus().<JsonObject>consumer(address, msg -> delivered.countDown()).completion();
        }
      }).await();
    }
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.eventBus().<JsonObject>consumer(SUBMIT, msg -> msg.reply(new JsonObject()
            .put("turn_id", msg.body().getString("turn_id")).put("seq", 42L))).completion();
      }
    }).await();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vertx.close().await();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void publishToSubscribers() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(BATCH * gateways);
    delivered = latch;
    vertx.runOnContext(v -> {
      for (int i = 0; i < BATCH; i++) {
        vertx.eventBus().publish(address, event);
      }
    });
    latch.await(30, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void requestReply() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(BATCH);
    JsonObject submission = new JsonObject().put("turn_id", "t").put("conversation_id", HotPathMessages.conversationId())
        .put("speaker", "User").put("raw_text", "so we use sales force").put("received_at", 1L);
    vertx.runOnContext(v -> {
      for (int i = 0; i < BATCH; i++) {
        vertx.eventBus().<JsonObject>request(SUBMIT, submission).onComplete(ar -> latch.countDown());
      }
    });
    latch.await(30, TimeUnit.SECONDS);
  }
}
