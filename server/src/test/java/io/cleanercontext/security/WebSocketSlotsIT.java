package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every closed WebSocket gives its HTTP connection's per-address slot back, whoever closes it: the
 * attack run opened and closed 1,000 WebSockets (plain, SockJS raw and SockJS framed) and every
 * later request from that address, {@code /health} included, was refused 429 until a restart. With
 * a cap of 20 connections per address, 1,000 of each in a row must all open, and {@code /health}
 * answer 200 afterwards.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class WebSocketSlotsIT {
  private static final int ROUNDS = 1_000;
  private TestApp app;
  private WebSocketClient client;
  private String conversation;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("security").put("max_http_connections_per_address", 20);
    app = TestApp.start(vertx, config).await();
    client = vertx.createWebSocketClient();
    conversation =
        app.client()
            .post("/api/v1/conversations")
            .sendJsonObject(new JsonObject().put("name", "slots"))
            .await()
            .bodyAsJsonObject()
            .getString("id");
  }

  @AfterAll
  void stop() {
    client.close().await();
    app.stop().await();
  }

  private WebSocket open(String uri, String origin) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.port()).setURI(uri);
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return client.connect(options).await();
  }

  private void openAndCloseMany(String uri) {
    for (int i = 0; i < ROUNDS; i++) {
      WebSocket ws;
      try {
        ws = open(uri, null);
      } catch (RuntimeException e) {
        throw new AssertionError(uri + ": WebSocket " + i + " was refused: " + e.getMessage(), e);
      }
      ws.close().await();
    }
    assertThat(app.client().get("/health").send().await().statusCode())
        .as("/health after " + ROUNDS + " WebSockets on " + uri)
        .isEqualTo(200);
  }

  @Test
  void plainWebSocketsGiveTheirSlotBack() {
    openAndCloseMany("/ws/conversations/" + conversation);
  }

  @Test
  void sockJsRawWebSocketsGiveTheirSlotBack() {
    openAndCloseMany("/eventbus/websocket");
  }

  @Test
  void sockJsFramedWebSocketsGiveTheirSlotBack() {
    openAndCloseMany("/eventbus/123/slots/websocket");
  }

  /** Sockets the server closes (a refused origin: 4403 after the open) give it back too. */
  @Test
  void socketsTheServerClosesGiveTheirSlotBack() {
    for (int i = 0; i < 200; i++) {
      WebSocket ws = open("/eventbus/websocket", "http://evil.example");
      long deadline = System.currentTimeMillis() + 5_000;
      while (!ws.isClosed() && System.currentTimeMillis() < deadline) {
        Subscription.sleep(1);
      }
      assertThat(ws.isClosed()).as("socket " + i + " closed by the server").isTrue();
    }
    assertThat(app.client().get("/health").send().await().statusCode()).isEqualTo(200);
  }
}
