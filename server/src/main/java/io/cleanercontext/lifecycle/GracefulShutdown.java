package io.cleanercontext.lifecycle;

import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does before Vert.x closes: stop accepting connections, let the queue workers finish
 * the turns they hold ({@code queue.control} stop drains), then close the sockets with a reason
 * (WebSocket 1001). Turns accepted but not yet cleaned stay pending in PostgreSQL and are
 * re-enqueued at the next start, so nothing accepted is lost.
 */
public final class GracefulShutdown {
  public static final String REASON = "server shutting down";
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  private static final Map<Vertx, GracefulShutdown> INSTANCES = new ConcurrentHashMap<>();

  private final Vertx vertx;
  private final List<Participant> participants = new CopyOnWriteArrayList<>();

  /** A server taking part in the shutdown (an HTTP API instance, the TCP bridge). */
  public interface Participant {
    /** Stops accepting new connections and requests; may return before they are all closed. */
    Future<Void> stopAccepting();

    /** Closes the remaining sockets with the reason; completes when they are closed. */
    Future<Void> closeSockets(String reason);
  }

  private GracefulShutdown(Vertx vertx) {
    this.vertx = vertx;
  }

  public static GracefulShutdown of(Vertx vertx) {
    return INSTANCES.computeIfAbsent(vertx, GracefulShutdown::new);
  }

  public void register(Participant participant) {
    participants.add(participant);
  }

  public void unregister(Participant participant) {
    participants.remove(participant);
  }

  /**
   * Runs the sequence; never fails (each step's failure is logged), so Vert.x can close after it.
   */
  public Future<Void> run(long drainMs) {
    long started = System.currentTimeMillis();
    LOG.info("Shutting down: no new connections; draining in-flight turns (up to {} ms)", drainMs);
    return Future.join(participants.stream().map(Participant::stopAccepting).toList())
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
              return Future.join(participants.stream().map(p -> p.closeSockets(REASON)).toList());
            })
        .transform(
            ar -> {
              INSTANCES.remove(vertx);
              LOG.info("Shutdown sequence done in {} ms", System.currentTimeMillis() - started);
              return Future.<Void>succeededFuture();
            });
  }
}
