package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.List;
import java.util.UUID;

/**
 * A SockJS bridge registration with {@code since}, a {@link ResumableFeed}: the bridge's own
 * consumer of the address stays in place, but its deliveries come here ({@link SockJsResumes})
 * instead of going straight to the socket, so the stored turns after {@code since} are replayed
 * first and every turn is written once, in seq order, as {@code rec} frames on the address.
 */
final class SockJsResume extends ResumableFeed {
  private final TurnStore turns;
  private final SockJSSocket socket;
  private final String address;
  private final String tenant;
  private final UUID conversationId;
  private final int maxBuffered;
  private boolean closed;

  SockJsResume(
      TurnStore turns,
      SockJSSocket socket,
      String address,
      String tenant,
      UUID conversationId,
      long since,
      int maxBuffered) {
    super(since);
    this.turns = turns;
    this.socket = socket;
    this.address = address;
    this.tenant = tenant;
    this.conversationId = conversationId;
    this.maxBuffered = maxBuffered;
  }

  /** The registration is in place cluster-wide: confirm it, then replay. */
  void registered() {
    write(BridgeConfirmations.registered(address, lastSent()));
    replay();
  }

  void stop() {
    closed = true;
    discard();
  }

  @Override
  Future<List<StoredTurn>> storedAfter(long after, int limit) {
    return turns.completedSince(tenant, conversationId, after, limit);
  }

  @Override
  boolean stopped() {
    return closed;
  }

  @Override
  int maxBuffered() {
    return maxBuffered;
  }

  @Override
  void emit(JsonObject event, String encoded, boolean live) {
    write(event);
  }

  private void write(JsonObject body) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      fail("slow consumer: the socket's write queue is full");
      return;
    }
    socket.write(
        new JsonObject()
            .put("type", EventTypes.REC)
            .put("address", address)
            .put("body", body)
            .encode());
  }

  /** Tells the client why, then closes the socket: its registration cannot go on gap-free. */
  @Override
  void fail(String reason) {
    if (closed) {
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
