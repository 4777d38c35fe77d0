package io.cleanercontext.realtime;

import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What a bridge registration with {@code since} is on either bridge (TCP, SockJS): one
 * conversation's address, replayed from the store after {@code since} and then live, each event
 * written as the bridge's frame for that address. The subclass knows only its socket: how a body is
 * framed and written, whether the socket's write queue is full, and how it is refused.
 */
abstract class BridgeFeed extends ResumableFeed {
  final String address;
  private final TurnStore turns;
  private final String tenant;
  private final UUID conversationId;
  private final int maxBuffered;
  private boolean closed;

  BridgeFeed(
      TurnStore turns,
      String address,
      String tenant,
      UUID conversationId,
      long since,
      int maxBuffered) {
    super(since);
    this.turns = turns;
    this.address = address;
    this.tenant = tenant;
    this.conversationId = conversationId;
    this.maxBuffered = maxBuffered;
  }

  /** Writes one body as the bridge's frame on this registration's address. */
  abstract void send(JsonObject body);

  abstract boolean writeQueueFull();

  /** The registration is in place cluster-wide: confirm it to the client, then replay. */
  final void confirmAndReplay() {
    write(BridgeConfirmations.registered(address, lastSent()));
    replay();
  }

  void stop() {
    closed = true;
    discard();
  }

  @Override
  final Future<List<StoredTurn>> storedAfter(long after, int limit) {
    return turns.completedSince(tenant, conversationId, after, limit);
  }

  @Override
  final boolean stopped() {
    return closed;
  }

  @Override
  final int maxBuffered() {
    return maxBuffered;
  }

  @Override
  final void emit(JsonObject event, String encoded, boolean live) {
    write(event);
  }

  private void write(JsonObject body) {
    if (closed) {
      return;
    }
    if (writeQueueFull()) {
      fail("slow consumer: the socket's write queue is full");
      return;
    }
    send(body);
  }
}
