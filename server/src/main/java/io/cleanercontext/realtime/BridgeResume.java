package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.UUID;

/**
 * A TCP bridge client's subscription to one conversation from a seq on ({@code since} on its
 * REGISTER), a {@link ResumableFeed}: it subscribes, confirms the registration to the client once
 * the subscription is known cluster-wide, replays the stored turns after {@code since}, then goes
 * live. Frames are the bridge's own {@code message} frames on the conversation address, so a client
 * reads them as any other.
 */
final class BridgeResume extends ResumableFeed {
  private final Vertx vertx;
  private final TurnStore turns;
  private final NetSocket socket;
  private final String address;
  private final String tenant;
  private final UUID conversationId;
  private final int maxBuffered;
  private MessageConsumer<JsonObject> consumer;
  private boolean closed;

  BridgeResume(
      Vertx vertx,
      TurnStore turns,
      NetSocket socket,
      String address,
      String tenant,
      UUID conversationId,
      long since,
      int maxBuffered) {
    super(since);
    this.vertx = vertx;
    this.turns = turns;
    this.socket = socket;
    this.address = address;
    this.tenant = tenant;
    this.conversationId = conversationId;
    this.maxBuffered = maxBuffered;
  }

  /** Subscribes, confirms, replays; the future fails when the subscription cannot be made. */
  Future<Void> start() {
    consumer =
        vertx
            .eventBus()
            .consumer(
                address,
                msg -> {
                  if (!closed) {
                    onEvent(msg.body(), null);
                  }
                });
    // completion(): the subscription is known to the whole cluster, so anything published from
    // now on reaches it; only then is the client told it may go on.
    return consumer
        .completion()
        .onSuccess(
            v -> {
              write(BridgeConfirmations.registered(address, lastSent()));
              replay();
            });
  }

  void stop() {
    closed = true;
    discard();
    if (consumer != null) {
      consumer.unregister();
    }
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
    socket.write(BridgeFrames.encode(BridgeFrames.message(address, body)));
  }

  @Override
  void fail(String reason) {
    if (closed) {
      return;
    }
    socket.write(
        BridgeFrames.encode(
            new JsonObject()
                .put("type", EventTypes.ERR)
                .put("address", address)
                .put("message", reason)));
    stop();
    socket.close();
  }
}
