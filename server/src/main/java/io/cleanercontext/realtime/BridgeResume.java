package io.cleanercontext.realtime;

import io.cleanercontext.contract.TurnEvents;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A TCP bridge client's subscription to one conversation from a seq on ({@code since} on its
 * REGISTER): what {@link Subscriber} does for a WebSocket. It subscribes first, confirms the
 * registration to the client once the subscription is in place, replays the stored turns after
 * {@code since} while buffering live events, then goes live; an event whose seq was already sent is
 * dropped, so every turn arrives once, in seq order. Frames are the bridge's own {@code message}
 * frames on the conversation address, so a client reads them as any other.
 */
final class BridgeResume {
  private static final int REPLAY_PAGE = 500;

  private final Vertx vertx;
  private final TurnStore turns;
  private final NetSocket socket;
  private final String address;
  private final String tenant;
  private final UUID conversationId;
  private final int maxBuffered;
  private MessageConsumer<JsonObject> consumer;

  /** Live events held while replaying, or null when live. */
  private List<JsonObject> buffered = new ArrayList<>();

  private long lastSent;
  private long gapFilledUpTo;
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
    this.vertx = vertx;
    this.turns = turns;
    this.socket = socket;
    this.address = address;
    this.tenant = tenant;
    this.conversationId = conversationId;
    this.lastSent = since;
    this.maxBuffered = maxBuffered;
  }

  /** Subscribes, confirms, replays; the future fails when the subscription cannot be made. */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(address, msg -> onEvent(msg.body()));
    // completion(): the subscription is known to the whole cluster, so anything published from
    // now on reaches it; only then is the client told it may go on.
    return consumer
        .completion()
        .onSuccess(
            v -> {
              write(BridgeConfirmations.registered(address, lastSent));
              replayFrom(lastSent, true);
            });
  }

  void stop() {
    closed = true;
    buffered = null;
    if (consumer != null) {
      consumer.unregister();
    }
  }

  private void onEvent(JsonObject event) {
    if (closed) {
      return;
    }
    if (buffered != null) {
      if (buffered.size() >= maxBuffered) {
        close("more than " + maxBuffered + " live events waited for the replay");
        return;
      }
      buffered.add(event);
    } else {
      deliver(event);
    }
  }

  private void replayFrom(long after, boolean announce) {
    turns
        .completedSince(tenant, conversationId, after, REPLAY_PAGE)
        .onSuccess(
            page -> {
              if (closed) {
                return;
              }
              for (int i = 0; i < page.size(); i++) {
                deliver(TurnEvents.of(page.getJsonObject(i)).put("replayed", true));
              }
              if (page.size() == REPLAY_PAGE) {
                replayFrom(lastSent, announce);
                return;
              }
              List<JsonObject> live = buffered;
              buffered = null;
              for (JsonObject event : live) {
                if (buffered != null) {
                  buffered.add(event); // a gap was found: replaying again
                } else {
                  deliver(event);
                }
              }
              if (announce) {
                write(new JsonObject().put("type", "replay.complete").put("last_seq", lastSent));
              }
            })
        .onFailure(e -> close("cannot replay missed turns: " + e.getMessage()));
  }

  private void deliver(JsonObject event) {
    long seq = event.getLong("seq", 0L);
    if (closed || seq <= lastSent) {
      return;
    }
    boolean replayed = event.getBoolean("replayed", false);
    if (!replayed && seq > lastSent + 1 && seq > gapFilledUpTo) {
      // Turns between were stored but their events never came here (a node died between storing
      // and publishing): fill the gap from PostgreSQL first, as Subscriber does.
      gapFilledUpTo = seq;
      buffered = new ArrayList<>();
      buffered.add(event);
      replayFrom(lastSent, false);
      return;
    }
    lastSent = seq;
    write(event);
  }

  private void write(JsonObject body) {
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      close("slow consumer: the socket's write queue is full");
      return;
    }
    socket.write(
        BridgeConfirmations.frame(
            new JsonObject()
                .put("type", "message")
                .put("address", address)
                .put("headers", new JsonObject())
                .put("send", false)
                .put("body", body)));
  }

  private void close(String reason) {
    if (closed) {
      return;
    }
    socket.write(
        BridgeConfirmations.frame(
            new JsonObject().put("type", "err").put("address", address).put("message", reason)));
    stop();
    socket.close();
  }
}
