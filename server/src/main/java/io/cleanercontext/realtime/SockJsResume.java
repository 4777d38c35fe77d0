package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.UUID;

/**
 * A SockJS bridge registration with {@code since}, a {@link ResumableFeed}: the bridge's own
 * consumer of the address stays in place, but its deliveries come here ({@link SockJsResumes})
 * instead of going straight to the socket, so the stored turns after {@code since} are replayed
 * first and every turn is written once, in seq order, as {@code rec} frames on the address.
 */
final class SockJsResume extends BridgeFeed {
  private final SockJSSocket socket;
  private final SockJsOutbound outbound;

  SockJsResume(
      TurnStore turns,
      SockJsOutbound outbound,
      SockJSSocket socket,
      String address,
      String tenant,
      UUID conversationId,
      long since,
      int maxBuffered) {
    super(turns, address, tenant, conversationId, since, maxBuffered);
    this.socket = socket;
    this.outbound = outbound;
  }

  /** The registration is in place cluster-wide: confirm it, then replay. */
  void registered() {
    confirmAndReplay();
  }

  @Override
  boolean writeQueueFull() {
    return outbound.full(socket);
  }

  @Override
  void send(JsonObject body) {
    outbound.write(
        socket,
        new JsonObject()
            .put("type", EventTypes.REC)
            .put("address", address)
            .put("body", body)
            .encode());
  }

  /** Tells the client why, then closes the socket: its registration cannot go on gap-free. */
  @Override
  void fail(String reason) {
    if (stopped()) {
      return;
    }
    stop();
    socket.write(
        new JsonObject()
            .put("type", EventTypes.ERR)
            .put("address", address)
            .put("body", reason)
            .encode());
    socket.close(1011, EventBusBridgeRoutes.abbreviate(reason));
  }
}
