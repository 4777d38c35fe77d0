package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.NonReadingPeer;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscribers of both event-bus bridges that never read, over real sockets, with and without {@code
 * since}: the attack run's SockJS and TCP subscribers stayed open for a minute while their backlog
 * grew in the heap (30 -> 213 MB). Each must be closed, as the WebSocket one is, once {@code
 * realtime.max_outbound_queue} writes wait for it; what the kernel held is then followed by the end
 * of the stream.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class SlowBridgeClientIT {
  private static final int EVENTS = 1_500;
  private static final String TEXT = "word ".repeat(1_500);
  private Vertx vertx;
  private TestApp app;
  private Api api;
  private int tcpPort;

  @BeforeAll
  void start(Vertx vertx) {
    this.vertx = vertx;
    JsonObject config = TestApp.config("memory");
    tcpPort = TestApp.withTcpBridge(config);
    config.getJsonObject("realtime").put("max_outbound_queue", 16).put("close_grace_ms", 500);
    app = TestApp.start(vertx, config).await();
    api = new Api(app.client());
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  /** Publishes the conversation's turn events as the cleaner would, seq 1 to {@link #EVENTS}. */
  private void flood(String id) {
    for (int seq = 1; seq <= EVENTS; seq++) {
      vertx
          .eventBus()
          .publish(
              Addresses.conversationTurns(id),
              new JsonObject()
                  .put("type", EventTypes.TURN_CLEANED)
                  .put("conversation_id", id)
                  .put("seq", seq)
                  .put("cleaned_text", TEXT + seq));
    }
    Subscription.sleep(1_500);
  }

  private void assertDropped(String what, NonReadingPeer peer, String id) throws IOException {
    try (peer) {
      flood(id);
      assertThat(peer.closedByServer(15_000))
          .as(what + ": the server closed the subscriber that never reads")
          .isTrue();
    }
  }

  private static JsonObject register(String id, boolean since) {
    JsonObject frame =
        new JsonObject().put("type", "register").put("address", Addresses.conversationTurns(id));
    return since ? frame.put("since", 0) : frame;
  }

  @Test
  void tcpBridgeSubscribers() throws IOException {
    for (boolean since : new boolean[] {false, true}) {
      String id = api.createConversation("tcp " + since);
      assertDropped(
          "TCP bridge, since " + since,
          NonReadingPeer.tcpBridge(tcpPort, register(id, since), "registered"),
          id);
    }
  }

  @Test
  void sockJsRawWebSocketSubscribers() throws IOException {
    for (boolean since : new boolean[] {false, true}) {
      String id = api.createConversation("sockjs raw " + since);
      assertDropped(
          "SockJS raw WebSocket, since " + since,
          NonReadingPeer.webSocket(
              app.port(), "/eventbus/websocket", register(id, since).encode(), "registered"),
          id);
    }
  }

  @Test
  void sockJsFramedWebSocketSubscribers() throws IOException {
    for (boolean since : new boolean[] {false, true}) {
      String id = api.createConversation("sockjs framed " + since);
      NonReadingPeer peer =
          NonReadingPeer.webSocket(app.port(), "/eventbus/000/slowpeer/websocket", null, "o");
      peer.sendText(new JsonArray().add(register(id, since).encode()).encode());
      peer.readUntil("registered");
      assertDropped("SockJS framed WebSocket, since " + since, peer, id);
    }
  }
}
