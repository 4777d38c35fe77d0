package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TcpBridgePeer;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed tokens whose claims have every type (null, string, list, object, boolean, huge and
 * negative numbers), on every interface that takes a token: REST, the WebSocket upgrade, the SockJS
 * bridge and the TCP bridge. Nothing may answer 5xx, a socket must answer every frame (never
 * wedge), the TCP framing must stay in step (the ping after each REGISTER is answered by its pong,
 * with at most the REGISTER's own answer before it), and no malformed scope claim may create a
 * conversation.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class TokenClaimsFuzzIT {
  private static final List<String> CLAIMS =
      List.of(
          "exp",
          "nbf",
          "iat",
          "iss",
          "aud",
          "sub",
          "jti",
          "tenant",
          "conversations",
          "scope",
          "scp",
          "scopes");

  private TestApp app;
  private WebClient http;
  private Tokens tokens;
  private int bridgePort;
  private String conversationId;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    bridgePort = TestApp.withTcpBridge(config);
    config
        .getJsonObject("security")
        .put("auth", "jwt")
        .put("jwt_secret", Tokens.SECRET)
        .put("max_bridge_connections_per_address", 1000);
    app = TestApp.start(vertx, config).await();
    http = app.client();
    tokens = new Tokens(vertx);
    conversationId =
        http.post("/api/v1/conversations")
            .putHeader("Authorization", "Bearer " + tokens.of("acme", "read write"))
            .sendJsonObject(new JsonObject().put("name", "claims"))
            .await()
            .bodyAsJsonObject()
            .getString("id");
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private static List<Object> values() {
    List<Object> values = new ArrayList<>();
    values.add(null);
    values.add("x");
    values.add("");
    values.add(new JsonArray());
    values.add(new JsonArray().add("read"));
    values.add(new JsonArray().add(5).add(new JsonObject()));
    values.add(new JsonObject());
    values.add(new JsonObject().put("read", true));
    values.add(true);
    values.add(-1);
    values.add(0);
    values.add(1e300);
    values.add(9.3e15);
    values.add(Long.MAX_VALUE);
    values.add(Long.MIN_VALUE);
    values.add(new BigInteger("1" + "0".repeat(40)));
    values.add("x".repeat(5000));
    return values;
  }

  /** Every token: a valid one with one claim replaced. */
  private Map<String, String> tokensOfEveryShape() {
    Map<String, String> all = new LinkedHashMap<>();
    long exp = System.currentTimeMillis() / 1000 + 600;
    for (String claim : CLAIMS) {
      List<Object> values = values();
      for (int i = 0; i < values.size(); i++) {
        JsonObject claims =
            new JsonObject().put("tenant", "acme").put("sub", "fuzz").put("exp", exp);
        claims.put(claim, values.get(i));
        all.put(
            claim + " = " + String.valueOf(values.get(i)).replaceAll("(.{40}).*", "$1..."),
            tokens.signed(claims));
      }
    }
    return all;
  }

  private String register() {
    return "conversation." + conversationId + ".turns";
  }

  private JsonObject registerFrame(String token) {
    return new JsonObject()
        .put("type", "register")
        .put("address", register())
        .put("headers", new JsonObject().put("authorization", "Bearer " + token));
  }

  @Test
  void noClaimShapeAnswers5xxOrWedgesOrDesynchronisesAnyInterface(Vertx vertx) throws IOException {
    List<String> problems = new ArrayList<>();
    WebSocketClient sockJs = vertx.createWebSocketClient();
    for (Map.Entry<String, String> token : tokensOfEveryShape().entrySet()) {
      String name = token.getKey();
      // REST: read, and create (which needs write)
      HttpResponse<Buffer> read =
          http.get("/api/v1/conversations/" + conversationId)
              .putHeader("Authorization", "Bearer " + token.getValue())
              .send()
              .await();
      if (read.statusCode() >= 500) {
        problems.add("REST GET, " + name + ": " + read.statusCode());
      }
      HttpResponse<Buffer> create =
          http.post("/api/v1/conversations")
              .putHeader("Authorization", "Bearer " + token.getValue())
              .sendJsonObject(new JsonObject().put("name", "x"))
              .await();
      if (create.statusCode() >= 500
          || (create.statusCode() == 201 && name.matches("(scope|scp|scopes) = .*"))) {
        problems.add("REST POST, " + name + ": " + create.statusCode());
      }
      // WebSocket upgrade
      try {
        sockJs
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(app.port())
                    .setURI("/ws/conversations/" + conversationId)
                    .addHeader("Authorization", "Bearer " + token.getValue()))
            .await()
            .close()
            .await();
      } catch (UpgradeRejectedException e) {
        if (e.getStatus() >= 500) {
          problems.add("WebSocket, " + name + ": " + e.getStatus());
        }
      }
      // SockJS: the REGISTER is answered (refused or confirmed), never left waiting
      List<JsonObject> received = new CopyOnWriteArrayList<>();
      WebSocket ws = sockJs.connect(app.port(), "127.0.0.1", "/eventbus/websocket").await();
      ws.handler(b -> received.add(b.toJsonObject()));
      ws.writeTextMessage(registerFrame(token.getValue()).encode()).await();
      long deadline = System.currentTimeMillis() + 5_000;
      while (received.isEmpty() && System.currentTimeMillis() < deadline) {
        Subscription.sleep(5);
      }
      if (received.isEmpty() || received.stream().anyMatch(f -> f.getInteger("status", 0) >= 500)) {
        problems.add("SockJS, " + name + ": " + received);
      }
      ws.close().await();
      // TCP bridge: the REGISTER and a ping in one buffer; exactly its answer, then the pong
      try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
        byte[] first = framed(registerFrame(token.getValue()));
        byte[] ping = framed(new JsonObject().put("type", "ping"));
        peer.sendRaw(ByteBuffer.allocate(first.length + ping.length).put(first).put(ping).array());
        List<JsonObject> frames = new ArrayList<>();
        for (JsonObject f = peer.read(); !"pong".equals(f.getString("type")); f = peer.read()) {
          frames.add(f);
        }
        if (frames.size() > 1 || frames.stream().anyMatch(f -> f.getInteger("status", 0) >= 500)) {
          problems.add("TCP bridge, " + name + ": " + frames);
        }
      }
    }
    sockJs.close().await();
    assertThat(problems).isEmpty();
  }

  private static byte[] framed(JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array();
  }
}
