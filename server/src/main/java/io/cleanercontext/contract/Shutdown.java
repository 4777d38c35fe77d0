package io.cleanercontext.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;
import java.util.function.Function;

/**
 * The graceful shutdown's protocol between the process's shutdown sequence and the servers taking
 * part in it (each HTTP API instance, the WebSocket and SockJS endpoints it serves, the TCP
 * bridge). A participant serves its own local address and joins the sequence by sending it to
 * {@link Addresses#SHUTDOWN_PARTICIPANTS}; on SIGTERM the sequence requests each {@link Phase} of
 * every participant in turn and waits for their answers.
 */
public final class Shutdown {
  /** The reason given to the clients whose sockets are closed (WebSocket close code 1001). */
  public static final String REASON = "server shutting down";

  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private Shutdown() {}

  /** The phases, in the order they run; a participant answers each when it is done. */
  public enum Phase {
    /** No new connections or requests; those in flight may finish. */
    STOP_ACCEPTING,
    /** Close the remaining sockets with {@link #REASON}; answer when they are closed. */
    CLOSE_SOCKETS
  }

  /**
   * Serves the phases for one participant on the caller's context (a verticle's start), and joins
   * the shutdown sequence once the consumer is registered; completes when joined, or at once when
   * the process has no shutdown sequence (tests deploy without one). The consumer goes away with
   * the verticle.
   */
  public static Future<Void> participate(Vertx vertx, Function<Phase, Future<?>> phase) {
    String address = Addresses.shutdownParticipant(UUID.randomUUID().toString());
    MessageConsumer<String> consumer =
        vertx
            .eventBus()
            .localConsumer(
                address,
                msg ->
                    phase
                        .apply(Phase.valueOf(msg.body()))
                        .onComplete(
                            ar -> {
                              if (ar.succeeded()) {
                                msg.reply(null);
                              } else {
                                msg.fail(ErrorCode.INTERNAL.code(), String.valueOf(ar.cause()));
                              }
                            }));
    return consumer
        .completion()
        .compose(
            v ->
                vertx
                    .eventBus()
                    .request(Addresses.SHUTDOWN_PARTICIPANTS, address, LOCAL)
                    .<Void>mapEmpty()
                    .recover(noSequence -> Future.succeededFuture()));
  }
}
