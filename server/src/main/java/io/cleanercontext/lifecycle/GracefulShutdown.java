package io.cleanercontext.lifecycle;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.Shutdown;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does before Vert.x closes: stop accepting connections, let the queue workers finish
 * the turns they hold ({@code queue.control} stop drains), then close the sockets with a reason
 * (WebSocket 1001). Turns accepted but not yet cleaned stay pending in PostgreSQL and are
 * re-enqueued at the next start, so nothing accepted is lost.
 *
 * <p>One per Vert.x instance, made by {@code Main} before anything is deployed. The servers taking
 * part join over the event bus ({@link Shutdown#participate}); each phase is one local request per
 * participant, and the next phase starts when all have answered (or failed: a participant
 * undeployed meanwhile has no handler any more).
 */
public final class GracefulShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  private final Vertx vertx;
  private final List<String> participants = new CopyOnWriteArrayList<>();

  public GracefulShutdown(Vertx vertx) {
    this.vertx = vertx;
    vertx
        .eventBus()
        .<String>localConsumer(
            Addresses.SHUTDOWN_PARTICIPANTS,
            msg -> {
              participants.add(msg.body());
              msg.reply(null);
            });
  }

  /**
   * Runs the sequence; never fails (each step's failure is logged), so Vert.x can close after it.
   */
  public Future<Void> run(long drainMs) {
    long started = System.currentTimeMillis();
    LOG.info("Shutting down: no new connections; draining in-flight turns (up to {} ms)", drainMs);
    return phase(Shutdown.Phase.STOP_ACCEPTING, drainMs)
        .transform(
            ar ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        Addresses.QUEUE_CONTROL,
                        new JsonObject().put("action", "stop"),
                        new DeliveryOptions().setSendTimeout(Math.max(1000, drainMs))))
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "Queue drain did not complete: {}; pending turns are re-enqueued at the next start",
                    ar.cause().getMessage());
              } else {
                LOG.info("Queue drained in {} ms", System.currentTimeMillis() - started);
              }
              return phase(Shutdown.Phase.CLOSE_SOCKETS, drainMs);
            })
        .transform(
            ar -> {
              LOG.info("Shutdown sequence done in {} ms", System.currentTimeMillis() - started);
              return Future.<Void>succeededFuture();
            });
  }

  /** One phase, requested of every participant at once; completes when all have answered. */
  private Future<Void> phase(Shutdown.Phase phase, long drainMs) {
    // Closing sockets waits for the HTTP server's own graceful shutdown (drain + 5 s).
    DeliveryOptions options =
        new DeliveryOptions().setLocalOnly(true).setSendTimeout(drainMs + 10_000L);
    return Future.join(
            participants.stream()
                .map(address -> vertx.eventBus().request(address, phase.name(), options))
                .toList())
        .transform(
            ar -> {
              if (ar.failed()) {
                LOG.warn("Shutdown phase {}: {}", phase, ar.cause().getMessage());
              }
              return Future.<Void>succeededFuture();
            });
  }
}
