package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.security.ConnectionLimiter;
import io.cleanercontext.store.TurnStore;
import io.cleanercontext.telemetry.ProductMetrics;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One WebSocket subscribed to one conversation. With {@code since}, it first replays the stored
 * turns the client missed, buffering live events meanwhile, then switches to live: every turn once,
 * in seq order. Its outbound queue is bounded: a client that cannot keep up is closed with code
 * 4008 instead of growing the server's memory. The gateway's ping sweep finds dead peers; the
 * conversation's events come through the event loop's {@link LocalFanout}.
 */
final class Subscriber extends ResumableFeed {
  /**
   * What every subscriber of one gateway shares. A subscriber holds this one reference instead of
   * one per service: with 10,000 sockets on a node, every field of this class is paid 10,000 times.
   */
  record Shared(
      Vertx vertx,
      TurnStore turns,
      ProductMetrics metrics,
      LocalFanout fanout,
      int maxOutboundQueue,
      long idleTimeoutMs,
      long closeGraceMs) {}

  private final Shared shared;
  private final ServerWebSocket ws;

  /** The upgraded HTTP connection, closed outright when a close frame is not answered in time. */
  private final HttpConnection connection;

  private final String tenant;
  private final ConnectionLimiter.Lease lease;

  private LocalFanout.Group group;

  /**
   * The feeds' consumers (metrics, queue), or null: most sockets follow their conversation only.
   */
  private List<MessageConsumer<JsonObject>> consumers;

  private long lastHeard = System.currentTimeMillis();

  /** The timer that closes the socket when its token expires, or -1. */
  private long expiry = -1;

  private int pendingWrites;
  private boolean closed;

  /**
   * @param since the seq to resume after, or -1 for live events only
   * @param lease the client's connection lease, released when the socket closes
   */
  Subscriber(
      Shared shared,
      ServerWebSocket ws,
      HttpConnection connection,
      String tenant,
      long since,
      ConnectionLimiter.Lease lease) {
    super(since);
    this.shared = shared;
    this.ws = ws;
    this.connection = connection;
    this.tenant = tenant;
    this.lease = lease;
  }

  /** Joins the conversation; {@code feeds} are the extra feeds asked for ("metrics", "queue"). */
  void start(UUID conversationId, long lastSeqAtConnect, Set<String> feeds, long tokenExpiresAtMs) {
    shared.metrics().webSockets().incrementAndGet();
    if (tokenExpiresAtMs != Long.MAX_VALUE) {
      expiry =
          shared
              .vertx()
              .setTimer(
                  Math.max(1, tokenExpiresAtMs - System.currentTimeMillis()),
                  t -> {
                    expiry = -1;
                    if (!closed) {
                      closeFor(
                          EventTypes.Close.TOKEN_EXPIRED,
                          "the token expired: reconnect with a fresh one");
                    }
                  });
    }
    ws.closeHandler(v -> cleanUp());
    // When the server shuts down, keep delivering what the queue drains; GracefulShutdown closes us
    // after.
    ws.shutdownHandler(v -> {});
    ws.exceptionHandler(this::failed);
    // Every frame, pongs included, shows the peer is alive.
    ws.frameHandler(f -> lastHeard = System.currentTimeMillis());
    group = shared.fanout().join(conversationId, this);
    if (feeds.contains("metrics")) {
      consumer(
          Addresses.METRICS_SNAPSHOT,
          body -> new JsonObject().put("type", EventTypes.METRICS).put("snapshot", body));
    }
    if (feeds.contains("queue")) {
      consumer(
          Addresses.QUEUE_STATUS_FEED,
          body -> new JsonObject().put("type", EventTypes.QUEUE_STATUS).put("status", body));
    }
    // Subscribe first, then read the database: whatever is published meanwhile is buffered, and
    // what the replay already covered is dropped by seq, so there is no gap and no duplicate.
    group
        .registered()
        .onSuccess(
            v -> {
              send(
                  new JsonObject()
                      .put("type", EventTypes.HELLO)
                      .put("conversation_id", conversationId.toString())
                      .put("last_seq", lastSeqAtConnect)
                      .put("resume_from", resuming() ? lastSent() : null));
              if (resuming()) {
                replay();
              }
            })
        .onFailure(e -> ws.close((short) 1011, "cannot subscribe"));
  }

  private void consumer(String address, UnaryOperator<JsonObject> message) {
    if (consumers == null) {
      consumers = new ArrayList<>(2);
    }
    consumers.add(
        shared
            .vertx()
            .eventBus()
            .<JsonObject>consumer(address, msg -> send(message.apply(msg.body()))));
  }

  @Override
  Future<List<StoredTurn>> storedAfter(long after, int limit) {
    return shared.turns().completedSince(tenant, group.conversationId, after, limit);
  }

  @Override
  boolean stopped() {
    return closed;
  }

  @Override
  void fail(String reason) {
    ws.close((short) 1011, reason);
  }

  /** A live event of the conversation, with its text already encoded for every subscriber. */
  void onTurnEvent(JsonObject event, String encoded) {
    onEvent(event, encoded);
  }

  @Override
  void emit(JsonObject event, String encoded, boolean live) {
    if (live && event.getLong("received_at_ms") != null) {
      shared.metrics().delivered(event.getLong("received_at_ms"));
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
    if (pendingWrites >= shared.maxOutboundQueue() || ws.writeQueueFull()) {
      shared.metrics().slowClientDisconnected();
      closed = true;
      closeFor(
          EventTypes.Close.SLOW_CONSUMER,
          "slow consumer: more than " + pendingWrites + " messages not yet sent");
      return;
    }
    pendingWrites++;
    ws.writeTextMessage(text).onComplete(ar -> pendingWrites--);
  }

  /**
   * A protocol error on the socket: a frame over the size limit is closed 1009 (message too big),
   * any other violation with its own status (Netty's decoder names it), with the reason.
   */
  private void failed(Throwable e) {
    if (closed) {
      return;
    }
    if (e instanceof CorruptedWebSocketFrameException corrupted) {
      String reason = corrupted.getMessage() == null ? "protocol error" : corrupted.getMessage();
      closeFor(
          (short) corrupted.closeStatus().code(),
          reason.length() > 100 ? reason.substring(0, 100) : reason);
    } else {
      closeFor((short) 1011, "unexpected error");
    }
  }

  /** Called by the gateway's ping sweep: closes a silent peer, else pings it. */
  void ping() {
    long idle = shared.idleTimeoutMs();
    if (System.currentTimeMillis() - lastHeard > idle) {
      closeFor(EventTypes.Close.IDLE, "no pong for " + idle + " ms");
      return;
    }
    ws.writePing(Buffer.buffer("ping"));
  }

  /**
   * Sends the close frame, then closes the TCP connection itself after {@code close_grace_ms}: a
   * peer that does not read never receives the frame, and would otherwise keep the connection and
   * everything queued for it.
   */
  void closeFor(short code, String reason) {
    closed = true;
    ws.close(code, reason);
    shared.vertx().setTimer(shared.closeGraceMs(), t -> reset(connection));
  }

  /**
   * Drops the TCP connection at once, with a reset, discarding what is queued for the peer. {@code
   * HttpConnection.close()} (and a close through the whole pipeline) only starts Vert.x's graceful
   * shutdown, which waits for the very peer that does not read; Vert.x 5 exposes the Netty channel
   * only on its connection class.
   */
  static void reset(HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channel().isOpen()) {
      base.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      // from the head of the pipeline: Vert.x's own handler would turn a close into a graceful
      // shutdown
      base.channel().pipeline().firstContext().close();
    } else {
      connection.close();
    }
  }

  /** Closes the socket with 1001 and the reason (server shutdown). */
  Future<Void> goAway(String reason) {
    closed = true;
    return ws.isClosed() ? Future.succeededFuture() : ws.close((short) 1001, reason);
  }

  private void cleanUp() {
    if (expiry >= 0) {
      shared.vertx().cancelTimer(expiry);
    }
    lease.release();
    shared.fanout().leave(group, this);
    closed = true;
    if (consumers != null) {
      consumers.forEach(MessageConsumer::unregister);
      consumers = null;
    }
    discard();
    shared.metrics().webSockets().decrementAndGet();
  }
}
