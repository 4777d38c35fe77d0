package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TcpBridgePeer;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The TCP bridge facing an unauthenticated network: frame size checked on the length prefix,
 * unauthenticated connections bounded in time and bytes, connections per address capped, and every
 * malformed or refused frame answered with exactly one err frame naming the reason, never logged.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TcpBridgeLimitsIT {
  private TestApp app;
  private Tokens tokens;
  private int port;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    port = TestApp.withTcpBridge(config);
    config
        .getJsonObject("security")
        .put("auth", "jwt")
        .put("jwt_secret", Tokens.SECRET)
        .put("max_bridge_frame_bytes", 8192)
        .put("bridge_auth_timeout_ms", 1500)
        .put("bridge_unauthenticated_max_bytes", 4096)
        .put("max_bridge_connections_per_address", 4);
    app = TestApp.start(vertx, config).await();
    tokens = new Tokens(vertx);
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private JsonObject register(String address, String token) {
    JsonObject frame = new JsonObject().put("type", "register").put("address", address);
    return token == null
        ? frame
        : frame.put("headers", new JsonObject().put("authorization", "Bearer " + token));
  }

  /** A connection that has sent one accepted, authenticated frame. */
  private TcpBridgePeer authenticated() throws IOException {
    TcpBridgePeer peer = new TcpBridgePeer(port);
    peer.send(
        register(
            "metrics.alert", tokens.of("acme", "read"))); // rarely published: no traffic in the way
    peer.send(new JsonObject().put("type", "ping"));
    // Two frames, in either order: the registration's confirmation ({type: registered} on the
    // address) and the pong.
    java.util.List<JsonObject> frames = java.util.List.of(peer.read(), peer.read());
    assertThat(frames).anySatisfy(f -> assertThat(f.getString("type")).isEqualTo("pong"));
    assertThat(frames)
        .anySatisfy(
            f -> assertThat(f.getJsonObject("body").getString("type")).isEqualTo("registered"));
    return peer;
  }

  @Test
  void aFrameOverTheLimitIsRefusedOnItsLengthPrefixAndTheSocketClosed() throws IOException {
    try (TcpBridgePeer peer = new TcpBridgePeer(port)) {
      // announces 2 GB, sends a few bytes: the server must not wait for (or buffer) the rest
      peer.sendRaw(
          ByteBuffer.allocate(8)
              .putInt(Integer.MAX_VALUE)
              .put("{\"ty".getBytes(StandardCharsets.UTF_8))
              .array());
      JsonObject err = peer.readOrEnd();
      assertThat(err).isNotNull();
      assertThat(err.getString("type")).isEqualTo("err");
      assertThat(err.getInteger("status")).isEqualTo(413);
      assertThat(err.getString("message")).contains("8192");
      assertThat(peer.closedByServer()).isTrue();
    }
    try (TcpBridgePeer peer = new TcpBridgePeer(port)) {
      peer.sendRaw(ByteBuffer.allocate(4).putInt(-5).array());
      assertThat(peer.readOrEnd().getString("message")).contains("invalid frame length");
      assertThat(peer.closedByServer()).isTrue();
    }
  }

  @Test
  void aConnectionThatNeverAuthenticatesIsClosedAfterTheTimeout() throws IOException {
    try (TcpBridgePeer peer = new TcpBridgePeer(port)) {
      peer.send(new JsonObject().put("type", "ping"));
      assertThat(peer.read().getString("type")).isEqualTo("pong");
      JsonObject err = peer.readOrEnd(); // nothing else is sent: the next frame is the timeout's
      assertThat(err.getInteger("status")).isEqualTo(401);
      assertThat(err.getString("message")).contains("no authenticated frame within 1500 ms");
      assertThat(peer.closedByServer()).isTrue();
    }
    // an authenticated connection stays open past the timeout
    try (TcpBridgePeer peer = authenticated()) {
      Subscription.sleep(2_000);
      peer.send(new JsonObject().put("type", "ping"));
      assertThat(peer.readUntil(f -> "pong".equals(f.getString("type")))).isNotNull();
    }
  }

  @Test
  void aConnectionSendingTooManyUnauthenticatedBytesIsClosed() throws IOException {
    try (TcpBridgePeer peer = new TcpBridgePeer(port)) {
      JsonObject refused = register("metrics.snapshot", null).put("padding", "x".repeat(1500));
      List<JsonObject> frames = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        try {
          peer.send(refused);
        } catch (IOException e) {
          break; // closed under us: what we want
        }
      }
      for (JsonObject f = peer.readOrEnd(); f != null; f = peer.readOrEnd()) {
        frames.add(f);
      }
      assertThat(frames)
          .anyMatch(
              f ->
                  f.getString("message", "")
                      .contains("more than 4096 bytes before an authenticated frame"));
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: the four connections it closes may still count when a next test
  // connects
  void connectionsPerAddressAreCapped() throws IOException {
    Subscription.sleep(300); // the connections earlier tests closed are let go of by the server
    List<TcpBridgePeer> open = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        open.add(authenticated());
      }
      try (TcpBridgePeer fifth = new TcpBridgePeer(port)) {
        JsonObject err = fifth.readOrEnd();
        assertThat(err.getInteger("status")).isEqualTo(429);
        assertThat(err.getString("message")).contains("at most 4");
        assertThat(fifth.closedByServer()).isTrue();
      }
      open.remove(0).close();
      Subscription.sleep(300);
      open.add(authenticated());
    } finally {
      for (TcpBridgePeer peer : open) {
        peer.close();
      }
    }
  }

  @Test
  void everyMalformedOrRefusedFrameGetsExactlyOneErrFrameAndIsNeverLogged() throws IOException {
    String token = tokens.of("acme", "read write");
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put("invalid JSON", "{\"type\": ".getBytes(StandardCharsets.UTF_8));
    cases.put("JSON comment", "{\"type\": \"ping\" /* hi */}".getBytes(StandardCharsets.UTF_8));
    cases.put("not an object", "[1, 2]".getBytes(StandardCharsets.UTF_8));
    cases.put(
        "missing type",
        new JsonObject()
            .put("address", "metrics.snapshot")
            .encode()
            .getBytes(StandardCharsets.UTF_8));
    cases.put(
        "unknown type",
        new JsonObject()
            .put("type", "explode")
            .put("address", "x")
            .encode()
            .getBytes(StandardCharsets.UTF_8));
    cases.put(
        "type not a string",
        new JsonObject().put("type", 42).encode().getBytes(StandardCharsets.UTF_8));
    cases.put(
        "nesting over 1000",
        ("{\"type\":\"send\",\"body\":" + "[".repeat(1001) + "]".repeat(1001) + "}")
            .getBytes(StandardCharsets.UTF_8));
    cases.put(
        "missing address with a token",
        new JsonObject()
            .put("type", "send")
            .put("headers", new JsonObject().put("authorization", "Bearer " + token))
            .encode()
            .getBytes(StandardCharsets.UTF_8));
    cases.put(
        "address not a string",
        new JsonObject()
            .put("type", "register")
            .put("address", 7)
            .encode()
            .getBytes(StandardCharsets.UTF_8));
    cases.put(
        "not permitted",
        register("secret.address", token).encode().getBytes(StandardCharsets.UTF_8));
    cases.put(
        "no token", register("metrics.snapshot", null).encode().getBytes(StandardCharsets.UTF_8));
    cases.put(
        "publish",
        new JsonObject()
            .put("type", "publish")
            .put("address", "bridge.turns.submit")
            .put("headers", new JsonObject().put("authorization", "Bearer " + token))
            .encode()
            .getBytes(StandardCharsets.UTF_8));
    cases.put("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'});

    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    List<String> problems = new ArrayList<>();
    try (TcpBridgePeer peer = authenticated()) {
      for (Map.Entry<String, byte[]> c : cases.entrySet()) {
        peer.sendBytes(c.getValue());
        peer.send(new JsonObject().put("type", "ping"));
        List<JsonObject> answers = new ArrayList<>();
        for (JsonObject f = peer.read(); !"pong".equals(f.getString("type")); f = peer.read()) {
          answers.add(f);
        }
        if (answers.size() != 1
            || !"err".equals(answers.get(0).getString("type"))
            || answers.get(0).getString("message", "").isBlank()
            || answers.get(0).getInteger("status", 0) < 400
            || answers.get(0).getInteger("status", 0) >= 500) {
          problems.add(c.getKey() + ": " + answers);
        }
      }
    } finally {
      root.detachAppender(log);
    }
    assertThat(problems).as("frames not answered by exactly one clear 4xx err frame").isEmpty();
    assertThat(log.list)
        .as("log lines")
        .noneMatch(
            e ->
                e.getFormattedMessage().contains(token)
                    || (e.getThrowableProxy() != null
                        && String.valueOf(e.getThrowableProxy().getMessage()).contains(token)));
    assertThat(log.list)
        .as("log lines")
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
  }

  private static byte[] framed(JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array();
  }

  /**
   * The attack run's byte sequence: one buffer holding a valid turn SEND then a REGISTER whose
   * token has {@code "exp": null}, then 5 pings. The token used to throw inside the JWT library
   * before the frame reader trimmed its buffer, so each later chunk replayed the SEND (6 turns
   * stored). Now: one turn stored, one 401 naming the claim, five pongs, nothing else.
   */
  @Test
  void aTokenWithANullExpIsA401AndNoEarlierFrameIsReplayed() throws IOException {
    String token = tokens.of("acme", "read write");
    var created =
        app.client()
            .post("/api/v1/conversations")
            .putHeader("Authorization", "Bearer " + token)
            .putHeader("Content-Type", "application/json")
            .sendJsonObject(new JsonObject().put("name", "replay"))
            .await();
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    String nullExp =
        tokens.signed(
            new JsonObject()
                .put("tenant", "acme")
                .put("scope", "read write")
                .put("exp", (Object) null));
    JsonObject send =
        new JsonObject()
            .put("type", "send")
            .put("address", "bridge.turns.submit")
            .put("replyAddress", "r1")
            .put("headers", new JsonObject().put("authorization", "Bearer " + token))
            .put(
                "body",
                new JsonObject()
                    .put("conversation_id", id)
                    .put("speaker", "User")
                    .put("raw_text", "um hello there"));
    byte[] first = framed(send);
    byte[] second = framed(register("conversation." + id + ".turns", nullExp));
    List<JsonObject> frames = new ArrayList<>();
    try (TcpBridgePeer peer = new TcpBridgePeer(port)) {
      peer.sendRaw(
          ByteBuffer.allocate(first.length + second.length).put(first).put(second).array());
      for (int i = 0; i < 5; i++) {
        peer.send(new JsonObject().put("type", "ping"));
      }
      int pongs = 0;
      while (pongs < 5) {
        JsonObject frame = peer.read();
        frames.add(frame);
        pongs += "pong".equals(frame.getString("type")) ? 1 : 0;
      }
      peer.timeout(1_000);
      try {
        for (JsonObject f = peer.readOrEnd(); f != null; f = peer.readOrEnd()) {
          frames.add(f);
        }
      } catch (java.net.SocketTimeoutException e) {
        // nothing more: the connection is quiet and open
      }
    }
    assertThat(frames.stream().filter(f -> "r1".equals(f.getString("address"))))
        .as("answers to the one SEND: " + frames)
        .hasSize(1);
    assertThat(frames)
        .filteredOn(f -> "err".equals(f.getString("type")))
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.getInteger("status")).isEqualTo(401);
              assertThat(err.getString("message")).contains("the exp claim must be a number");
            });
    var turns =
        app.client()
            .get("/api/v1/conversations/" + id + "/turns")
            .putHeader("Authorization", "Bearer " + token)
            .send()
            .await();
    assertThat(turns.bodyAsJsonObject().getLong("last_seq")).isEqualTo(1L);
    assertThat(turns.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
  }
}
