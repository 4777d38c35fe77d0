package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.metrics.ProductMetrics;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One WebSocket subscribed to one conversation. With {@code since}, it first replays the stored
 * turns the client missed, buffering live events meanwhile, then switches to live: every turn once,
 * in seq order. Its outbound queue is bounded: a client that cannot keep up is closed with code
 * 4008 instead of growing the server's memory. The gateway's ping sweep finds dead peers; the
 * conversation's events come through the event loop's {@link LocalFanout}.
 */
final class Subscriber {
  static final short SLOW_CONSUMER = 4008;
  static final short IDLE = 4000;
  private static final int REPLAY_PAGE = 500;

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final UUID conversationId;
  private final String tenant;
  private final Runnable onClose;
  private final long since;
  private final long lastSeqAtConnect;
  private final Set<String> feeds;
  private final JsonObject config;
  private final TurnStore turns;
  private final ProductMetrics metrics;
  private final LocalFanout fanout;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<JsonObject> buffered = new ArrayList<>();
  private boolean replaying;
  private long lastSent;
  /** Highest live seq for which a gap before it was already filled from the database. */
  private long gapFilledUpTo;
  private int pendingWrites;
  private long lastHeard = System.currentTimeMillis();
  private boolean closed;

  Subscriber(Vertx vertx, ServerWebSocket ws, UUID conversationId, String tenant, long since, long lastSeqAtConnect,
      Set<String> feeds, JsonObject config, TurnStore turns, ProductMetrics metrics, LocalFanout fanout, Runnable onClose) {
    this.vertx = vertx;
    this.fanout = fanout;
    this.ws = ws;
    this.conversationId = conversationId;
    this.tenant = tenant;
    this.onClose = onClose;
    this.since = since;
    this.lastSeqAtConnect = lastSeqAtConnect;
    this.feeds = feeds;
    this.config = config;
    this.turns = turns;
    this.metrics = metrics;
  }

  void start() {
    metrics.webSockets().incrementAndGet();
    ws.closeHandler(v -> cleanUp());
    // When the server shuts down, keep delivering what the queue drains; GracefulShutdown closes us after.
    ws.shutdownHandler(v -> { });
    ws.exceptionHandler(e -> ws.close());
    ws.pongHandler(p -> lastHeard = System.currentTimeMillis());
    ws.frameHandler(f -> lastHeard = System.currentTimeMillis());
    replaying = since >= 0;
    lastSent = Math.max(since, 0);
    io.vertx.core.Future<Void> joined = fanout.join(conversationId.toString(), this);
    if (feeds.contains("metrics")) {
      consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.METRICS_SNAPSHOT,
          msg -> send(new JsonObject().put("type", "metrics").put("snapshot", msg.body()))));
    }
    if (feeds.contains("queue")) {
      consumers.add(vertx.eventBus().<JsonObject>consumer(Addresses.QUEUE_STATUS_FEED,
          msg -> send(new JsonObject().put("type", "queue.status").put("status", msg.body()))));
    }
    // Subscribe first, then read the database: whatever is published meanwhile is buffered, and
    // what the replay already covered is dropped by seq, so there is no gap and no duplicate.
    joined.onSuccess(v -> {
      send(new JsonObject().put("type", "hello").put("conversation_id", conversationId.toString())
          .put("last_seq", lastSeqAtConnect).put("resume_from", since >= 0 ? since : null));
      if (replaying) {
        replayFrom(lastSent, true);
      }
    }).onFailure(e -> ws.close((short) 1011, "cannot subscribe"));
  }

  private void replayFrom(long after, boolean announce) {
    turns.completedSince(tenant, conversationId, after, REPLAY_PAGE).onSuccess(page -> {
      for (int i = 0; i < page.size(); i++) {
        JsonObject turn = page.getJsonObject(i);
        deliver(TurnEvents.of(turn).put("replayed", true));
      }
      if (page.size() == REPLAY_PAGE && !closed) {
        replayFrom(lastSent, announce);
        return;
      }
      replaying = false;
      List<JsonObject> live = new ArrayList<>(buffered);
      buffered.clear();
      for (JsonObject event : live) {
        if (replaying) {
          buffered.add(event);
        } else {
          deliver(event);
        }
      }
      if (announce) {
        send(new JsonObject().put("type", "replay.complete").put("last_seq", lastSent));
      }
    }).onFailure(e -> ws.close((short) 1011, "cannot replay missed turns"));
  }

  /** A live event of the conversation, with its text already encoded for every subscriber. */
  void onTurnEvent(JsonObject event, String encoded) {
    if (replaying) {
      buffered.add(event);
    } else {
      deliver(event, encoded);
    }
  }

  private void deliver(JsonObject event) {
    deliver(event, null);
  }

  private void deliver(JsonObject event, String encoded) {
    long seq = event.getLong("seq", 0L);
    if (seq <= lastSent) {
      return;
    }
    if (seq > lastSent + 1 && seq > gapFilledUpTo && (since >= 0 || lastSent > 0) && !event.getBoolean("replayed", false)) {
      // A live event ahead of the next seq: the turns between were stored but their events never
      // came (in a cluster, the node that cleaned them died before publishing). Fill the gap from
      // PostgreSQL first, buffering live events meanwhile, as a resume does.
      gapFilledUpTo = seq;
      replaying = true;
      buffered.add(event);
      replayFrom(lastSent, false);
      return;
    }
    lastSent = seq;
    if (!event.getBoolean("replayed", false) && event.getLong("received_at_ms") != null) {
      metrics.delivered(event.getLong("received_at_ms"));
    }
    sendText(encoded != null ? encoded : event.encode());
  }

  private void send(JsonObject message) {
    sendText(message.encode());
  }

  private void sendText(String text) {
    if (closed || ws.isClosed()) {
      return; // closed by the peer, and the close handler has not run yet: nothing to send to
    }
    if (pendingWrites >= config.getInteger("max_outbound_queue", 1024) || ws.writeQueueFull()) {
      metrics.slowClientDisconnected();
      closed = true;
      ws.close(SLOW_CONSUMER, "slow consumer: more than " + pendingWrites + " messages not yet sent");
      return;
    }
    pendingWrites++;
    ws.writeTextMessage(text).onComplete(ar -> pendingWrites--);
  }

  /** Called by the gateway's ping sweep: closes a silent peer, else pings it. */
  void ping() {
    long idle = config.getLong("idle_timeout_ms", 60_000L);
    if (System.currentTimeMillis() - lastHeard > idle) {
      ws.close(IDLE, "no pong for " + idle + " ms");
      return;
    }
    ws.writePing(Buffer.buffer("ping"));
  }

  /** Closes the socket with 1001 and the reason (server shutdown). */
  io.vertx.core.Future<Void> goAway(String reason) {
    closed = true;
    return ws.isClosed() ? io.vertx.core.Future.succeededFuture() : ws.close((short) 1001, reason);
  }

  private void cleanUp() {
    onClose.run();
    fanout.leave(conversationId.toString(), this);
    closed = true;
    consumers.forEach(MessageConsumer::unregister);
    consumers.clear();
    buffered.clear();
    metrics.webSockets().decrementAndGet();
  }

}
