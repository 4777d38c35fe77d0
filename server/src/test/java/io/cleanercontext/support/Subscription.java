package io.cleanercontext.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's WebSocket subscriber to one conversation, recording every event it receives. */
public final class Subscription {
  private final WebSocketClient client;
  private final WebSocket socket;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private volatile Short closeCode;
  private volatile String closeReason;

  private Subscription(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
  }

  public static Subscription open(Vertx vertx, int port, String conversationId, Long since) {
    return open(vertx, port, conversationId, since, new WebSocketClientOptions());
  }

  public static Subscription open(
      Vertx vertx, int port, String conversationId, Long since, WebSocketClientOptions options) {
    return open(vertx, port, conversationId, since, options, null);
  }

  /** With a bearer token, given as {@code ?access_token=} as browsers do. */
  public static Subscription open(
      Vertx vertx,
      int port,
      String conversationId,
      Long since,
      WebSocketClientOptions options,
      String token) {
    WebSocketClient client = vertx.createWebSocketClient(options);
    String uri =
        "/ws/conversations/"
            + conversationId
            + (since == null ? "" : "?since=" + since)
            + (token == null ? "" : (since == null ? "?" : "&") + "access_token=" + token);
    // Handlers are set before connecting: the server may send its hello in the same read as the
    // 101, before a handler set after the connect future completes would be in place.
    ClientWebSocket socket = client.webSocket();
    Subscription s = new Subscription(client, socket);
    socket.textMessageHandler(text -> s.events.add(new JsonObject(text)));
    socket.closeHandler(
        v -> {
          s.closeCode = socket.closeStatusCode();
          s.closeReason = socket.closeReason();
        });
    socket
        .connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(uri))
        .await();
    s.awaitEvents(e -> "hello".equals(e.getString("type")), 1, 10);
    if (since != null) {
      s.awaitEvents(e -> "replay.complete".equals(e.getString("type")), 1, 10);
    }
    return s;
  }

  public WebSocket socket() {
    return socket;
  }

  /** The seqs of turn events, in arrival order. */
  public List<Long> turnSeqs() {
    return turnEvents().stream().map(e -> e.getLong("seq")).toList();
  }

  public List<JsonObject> turnEvents() {
    return events.stream().filter(e -> e.getString("type").startsWith("turn.")).toList();
  }

  public List<JsonObject> events() {
    return List.copyOf(events);
  }

  /** Waits until {@code count} events match, or fails after {@code seconds}. */
  public List<JsonObject> awaitEvents(Predicate<JsonObject> match, int count, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      List<JsonObject> matching = events.stream().filter(match).toList();
      if (matching.size() >= count) {
        return matching;
      }
      sleep(10);
    }
    throw new AssertionError(
        "expected "
            + count
            + " matching events within "
            + seconds
            + " s, got "
            + events.stream().filter(match).count()
            + "; all events: "
            + events);
  }

  public List<Long> awaitTurns(int count, int seconds) {
    awaitEvents(e -> e.getString("type").startsWith("turn."), count, seconds);
    return turnSeqs();
  }

  public Short closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  public Future<Void> close() {
    return socket.close().eventually(() -> client.close());
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
