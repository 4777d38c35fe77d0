package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A subscriber's life on the server: the ping sweep keeps peers that answer and closes silent ones
 * (4000), each client has a bounded number of sockets (429 with Retry-After, and a closed socket
 * gives its slot back), and the optional feeds arrive beside the conversation's turns.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class WebSocketLifecycleIT {

  private static JsonObject config() {
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("realtime").put("ping_interval_ms", 100).put("idle_timeout_ms", 600);
    return config;
  }

  @Test
  void aPeerThatAnswersPingsStaysAndASilentOneIsClosedAsIdle(Vertx vertx) {
    TestApp app = TestApp.start(vertx, config()).await();
    Api api = new Api(app.client());
    String id = api.createConversation("ping sweep");
    // Vert.x's client answers every ping with a pong.
    Subscription answering = Subscription.open(vertx, app.port(), id, null);
    // A raw socket that completes the handshake and then never writes again: no pongs.
    StringBuilder silentReceived = new StringBuilder();
    NetSocket silent = vertx.createNetClient().connect(app.port(), "127.0.0.1").await();
    silent.handler(
        b -> {
          synchronized (silentReceived) {
            silentReceived.append(b.toString(StandardCharsets.ISO_8859_1));
          }
        });
    silent
        .write(
            "GET /ws/conversations/"
                + id
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + app.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n")
        .await();
    AtomicReference<Boolean> silentClosed = new AtomicReference<>(false);
    silent.closeHandler(v -> silentClosed.set(true));

    // The server's close frame: opcode 0x8, then the status 4000 (0x0FA0) and the reason. The peer
    // never answers it, so the server drops the TCP connection after its closing timeout (10 s).
    long deadline = System.currentTimeMillis() + 30_000;
    while (!silentClosed.get() && System.currentTimeMillis() < deadline) {
      Subscription.sleep(50);
    }
    String frames;
    synchronized (silentReceived) {
      frames = silentReceived.toString();
    }
    assertThat(frames)
        .startsWith("HTTP/1.1 101")
        .contains("\u0088")
        .contains("\u000f\u00a0no pong for 600 ms");
    assertThat(silentClosed.get()).as("the silent peer's connection is closed").isTrue();

    // The answering peer has been pinged many times over by now and is still there, live.
    assertThat(answering.closeCode()).isNull();
    api.realtime(id, "User", "so the the invoice is late").await();
    assertThat(answering.awaitTurns(1, 30)).containsExactly(1L);
    answering.close().await();
    app.stop().await();
  }

  @Test
  void aClientOverItsSocketLimitIsRefusedUntilOneCloses(Vertx vertx) {
    JsonObject config = config();
    config.getJsonObject("security").put("max_websockets_per_client", 2);
    TestApp app = TestApp.start(vertx, config).await();
    String id = new Api(app.client()).createConversation("limits");
    Subscription first = Subscription.open(vertx, app.port(), id, null);
    Subscription second = Subscription.open(vertx, app.port(), id, null);

    WebSocketClient client = vertx.createWebSocketClient();
    var refused =
        client
            .webSocket()
            .connect(
                new WebSocketConnectOptions()
                    .setPort(app.port())
                    .setHost("127.0.0.1")
                    .setURI("/ws/conversations/" + id))
            .map(ws -> "upgraded")
            .otherwise(e -> e.getMessage())
            .await();
    assertThat(refused).contains("429");
    var body =
        app.client()
            .get("/ws/conversations/" + id)
            .putHeader("Connection", "Upgrade")
            .putHeader("Upgrade", "websocket")
            .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .putHeader("Sec-WebSocket-Version", "13")
            .send()
            .await();
    assertThat(body.statusCode()).isEqualTo(429);
    assertThat(body.getHeader("Retry-After")).isEqualTo("10");
    assertThat(body.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(body.bodyAsJsonObject().getString("detail")).contains("at most 2");
    // the problem document REST answers with
    assertThat(body.bodyAsJsonObject().getString("type"))
        .isEqualTo("https://cleanercontext.dev/problems/too-many-requests");
    assertThat(body.bodyAsJsonObject().getString("title")).isEqualTo("Too Many Requests");
    assertThat(body.bodyAsJsonObject().getInteger("status")).isEqualTo(429);
    assertThat(body.bodyAsJsonObject().getString("instance")).isEqualTo("/ws/conversations/" + id);

    first.close().await();
    long deadline = System.currentTimeMillis() + 10_000;
    Subscription third = null;
    while (third == null && System.currentTimeMillis() < deadline) {
      try {
        third = Subscription.open(vertx, app.port(), id, null);
      } catch (RuntimeException e) {
        Subscription.sleep(50); // the server may not have seen the close yet
      }
    }
    assertThat(third).as("a closed socket gives its slot back").isNotNull();
    second.close().await();
    third.close().await();
    client.close().await();
    app.stop().await();
  }

  @Test
  void feedsArriveBesideTheConversationsTurns(Vertx vertx) {
    JsonObject config = config();
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("feeds");
    WebSocketClient client = vertx.createWebSocketClient();
    java.util.List<JsonObject> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    var ws =
        client
            .connect(app.port(), "127.0.0.1", "/ws/conversations/" + id + "?feeds=metrics,queue")
            .await();
    ws.textMessageHandler(text -> events.add(new JsonObject(text)));
    api.realtime(id, "User", "so the the invoice is late").await();
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline
        && !(has(events, "metrics")
            && has(events, "queue.status")
            && has(events, "turn.cleaned"))) {
      Subscription.sleep(50);
    }
    assertThat(events)
        .extracting(e -> e.getString("type"))
        .contains("metrics", "queue.status", "turn.cleaned");
    ws.close().await();
    client.close().await();
    app.stop().await();
  }

  @Test
  void anEventWithoutASeqPassesThroughInOrderOfArrival(Vertx vertx) {
    TestApp app = TestApp.start(vertx, config()).await();
    Api api = new Api(app.client());
    String id = api.createConversation("events without a seq");
    Subscription live = Subscription.open(vertx, app.port(), id, null);
    Subscription resumed = Subscription.open(vertx, app.port(), id, 0L);
    JsonObject note = new JsonObject().put("type", "conversation.note").put("text", "no seq");
    // Before any turn (the subscriber's last seq is 0) and after one: only turn events are
    // ordered and deduplicated by seq; another event must not vanish for want of one.
    vertx.eventBus().publish(Addresses.conversationTurns(id), note);
    api.realtime(id, "User", "first").await();
    live.awaitTurns(1, 30);
    resumed.awaitTurns(1, 30);
    vertx.eventBus().publish(Addresses.conversationTurns(id), note);
    api.realtime(id, "User", "second").await();
    for (Subscription s : java.util.List.of(live, resumed)) {
      s.awaitTurns(2, 30);
      assertThat(s.events())
          .extracting(e -> e.getString("type") + e.getLong("seq", 0L))
          .filteredOn(t -> !t.startsWith("hello") && !t.startsWith("replay"))
          .containsExactly(
              "conversation.note0", "turn.cleaned1", "conversation.note0", "turn.cleaned2");
      s.close().await();
    }
    app.stop().await();
  }

  private static boolean has(java.util.List<JsonObject> events, String type) {
    return events.stream().anyMatch(e -> type.equals(e.getString("type")));
  }
}
