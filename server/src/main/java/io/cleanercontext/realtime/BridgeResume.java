package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.UUID;

/**
 * A TCP bridge client's subscription to one conversation from a seq on ({@code since} on its
 * REGISTER), a {@link ResumableFeed}: it subscribes, confirms the registration to the client once
 * the subscription is known cluster-wide, replays the stored turns after {@code since}, then goes
 * live. Frames are the bridge's own {@code message} frames on the conversation address, so a client
 * reads them as any other.
 */
final class BridgeResume extends BridgeFeed {
  private final Vertx vertx;
  private final NetSocket socket;
  private MessageConsumer<JsonObject> consumer;

  BridgeResume(
      Vertx vertx,
      TurnStore turns,
      NetSocket socket,
      String address,
      String tenant,
      UUID conversationId,
      long since,
      int maxBuffered) {
    super(turns, address, tenant, conversationId, since, maxBuffered);
    this.vertx = vertx;
    this.socket = socket;
  }

  /** Subscribes, confirms, replays; the future fails when the subscription cannot be made. */
  Future<Void> start() {
    consumer =
        vertx
            .eventBus()
            .consumer(
                address,
                msg -> {
                  if (!stopped()) {
                    onEvent(msg.body(), null);
                  }
                });
    // completion(): the subscription is known to the whole cluster, so anything published from
    // now on reaches it; only then is the client told it may go on.
    return consumer.completion().onSuccess(v -> confirmAndReplay());
  }

  @Override
  void stop() {
    super.stop();
    if (consumer != null) {
      consumer.unregister();
    }
  }

  @Override
  boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  void send(JsonObject body) {
    socket.write(BridgeFrames.encode(BridgeFrames.message(address, body)));
  }

  @Override
  void fail(String reason) {
    if (stopped()) {
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
