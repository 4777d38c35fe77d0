package io.cleanercontext.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Shutdown;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shutdown sequence over the event bus: every participant stops accepting before the queue is
 * drained, sockets are closed after it, the sequence waits for the slowest participant, and it
 * reaches only the participants of its own Vert.x instance.
 */
class GracefulShutdownTest {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private Vertx otherNode;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    otherNode = Vertx.vertx();
  }

  @AfterEach
  void close() {
    vertx.close().await();
    otherNode.close().await();
  }

  /** A participant that records each phase and answers CLOSE_SOCKETS after {@code closeMs}. */
  private VerticleBase participant(String name, long closeMs) {
    return new VerticleBase() {
      @Override
      public Future<?> start() {
        return Shutdown.participate(
            vertx,
            phase -> {
              events.add(name + ":" + phase);
              if (phase != Shutdown.Phase.CLOSE_SOCKETS) {
                return Future.succeededFuture();
              }
              Promise<Void> closed = Promise.promise();
              vertx.setTimer(
                  closeMs,
                  t -> {
                    events.add(name + ":closed");
                    closed.complete();
                  });
              return closed.future();
            });
      }
    };
  }

  private void queueControl(Vertx node, String name) {
    node.eventBus()
        .consumer(
            Addresses.QUEUE_CONTROL,
            msg -> {
              events.add(name + ":drained");
              msg.reply(null);
            })
        .completion()
        .await();
  }

  @Test
  void stopsAcceptingThenDrainsThenClosesSocketsAndWaitsForAll() {
    GracefulShutdown shutdown = new GracefulShutdown(vertx);
    queueControl(vertx, "queue");
    vertx.deployVerticle(participant("api", 10)).await();
    vertx.deployVerticle(participant("bridge", 300)).await();
    String gone = vertx.deployVerticle(participant("undeployed", 10)).await();
    vertx.undeploy(gone).await();

    shutdown.run(1_000).await();
    events.add("done");

    assertThat(events.subList(0, 2))
        .containsExactlyInAnyOrder("api:STOP_ACCEPTING", "bridge:STOP_ACCEPTING");
    assertThat(events.get(2)).isEqualTo("queue:drained");
    assertThat(events.subList(3, events.size()))
        .containsSubsequence("bridge:CLOSE_SOCKETS", "bridge:closed", "done")
        .containsSubsequence("api:CLOSE_SOCKETS", "api:closed", "done")
        .doesNotContain("undeployed:STOP_ACCEPTING", "undeployed:CLOSE_SOCKETS");
  }

  @Test
  void reachesOnlyTheParticipantsOfItsOwnVertxInstance() {
    GracefulShutdown shutdown = new GracefulShutdown(vertx);
    new GracefulShutdown(otherNode);
    queueControl(vertx, "queue");
    queueControl(otherNode, "other-queue");
    vertx.deployVerticle(participant("api", 10)).await();
    otherNode.deployVerticle(participant("other-api", 10)).await();

    shutdown.run(1_000).await();

    assertThat(events)
        .containsExactly("api:STOP_ACCEPTING", "queue:drained", "api:CLOSE_SOCKETS", "api:closed");
  }
}
