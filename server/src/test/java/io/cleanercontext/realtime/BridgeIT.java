package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TcpBridgePeer;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both event-bus bridges: deny by default, conversation events out, validated turn submission in.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class BridgeIT {
  private TestApp app;
  private Api api;
  private int bridgePort;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    bridgePort = TestApp.withTcpBridge(config);
    app = TestApp.start(vertx, config).await();
    api = new Api(app.client());
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  @Test
  void tcpClientSubmitsThroughValidationAndTailsTheConversation() throws IOException {
    String id = api.createConversation("tcp bridge");
    try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
      peer.send(
          new JsonObject().put("type", "register").put("address", "conversation." + id + ".turns"));
      // The bridge confirms the registration: a turn sent after it is delivered.
      JsonObject registered =
          peer.readUntil(
              f ->
                  f.getJsonObject("body") != null
                      && "registered".equals(f.getJsonObject("body").getString("type")));
      assertThat(registered.getString("address")).isEqualTo("conversation." + id + ".turns");
      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "bridge.turns.submit")
              .put("replyAddress", "r1")
              .put(
                  "body",
                  new JsonObject()
                      .put("conversation_id", id)
                      .put("speaker", "User")
                      .put("raw_text", "um hello there")));
      JsonObject accepted = null;
      JsonObject event = null;
      while (accepted == null || event == null) {
        JsonObject frame = peer.read();
        if ("r1".equals(frame.getString("address"))) {
          accepted = frame.getJsonObject("body");
        } else if (("conversation." + id + ".turns").equals(frame.getString("address"))) {
          event = frame.getJsonObject("body");
        }
      }
      assertThat(accepted.getLong("seq")).isEqualTo(1L);
      assertThat(event.getString("type")).isEqualTo("turn.cleaned");
      assertThat(event.getJsonObject("turn").getString("cleaned_text")).isEqualTo("hello there");

      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "bridge.turns.submit")
              .put("replyAddress", "r2")
              .put(
                  "body",
                  new JsonObject()
                      .put("conversation_id", id)
                      .put("speaker", "Robot")
                      .put("raw_text", "x")));
      JsonObject refused = peer.read();
      assertThat(refused.getString("type")).isEqualTo("err");
      assertThat(refused.getString("message")).contains("speaker");

      // A batch: both turns stored in order, all or none, each delivered as an event.
      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "bridge.turns.submit")
              .put("replyAddress", "r3")
              .put(
                  "body",
                  new JsonObject()
                      .put("conversation_id", id)
                      .put(
                          "turns",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("speaker", "AI")
                                      .put("raw_text", "Which CRM do you use?"))
                              .add(
                                  new JsonObject()
                                      .put("speaker", "User")
                                      .put("raw_text", "uh sales force")))));
      JsonObject batch = null;
      List<Long> seqs = new java.util.ArrayList<>();
      while (batch == null || seqs.size() < 2) {
        JsonObject frame = peer.read();
        if ("r3".equals(frame.getString("address"))) {
          batch = frame.getJsonObject("body");
        } else if (("conversation." + id + ".turns").equals(frame.getString("address"))) {
          seqs.add(frame.getJsonObject("body").getLong("seq"));
        }
      }
      assertThat(batch.getJsonArray("accepted").stream().map(a -> ((JsonObject) a).getLong("seq")))
          .containsExactly(2L, 3L);
      assertThat(seqs).containsExactly(2L, 3L);

      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "bridge.turns.submit")
              .put("replyAddress", "r4")
              .put(
                  "body",
                  new JsonObject()
                      .put("conversation_id", id)
                      .put(
                          "turns",
                          new JsonArray()
                              .add(new JsonObject().put("speaker", "User").put("raw_text", "fine"))
                              .add(new JsonObject().put("speaker", "User")))));
      JsonObject refusedBatch = peer.read();
      assertThat(refusedBatch.getString("type")).isEqualTo("err");
      assertThat(refusedBatch.getString("message")).contains("turns[1].raw_text");
    }
  }

  /**
   * Reads frames until the conversation's event of {@code seq}; returns the seqs of its turn events
   * on the way.
   */
  private static List<Long> turnSeqsUntil(
      TcpBridgePeer peer, String address, long seq, List<JsonObject> others) throws IOException {
    List<Long> seqs = new java.util.ArrayList<>();
    for (int i = 0; i < 50 && !seqs.contains(seq); i++) {
      JsonObject frame = peer.read();
      JsonObject body = frame.getJsonObject("body");
      if (address.equals(frame.getString("address"))
          && body != null
          && body.getString("type", "").startsWith("turn.")) {
        seqs.add(body.getLong("seq"));
      } else {
        others.add(frame);
      }
    }
    return seqs;
  }

  @Test
  void aTurnSentWhileRegisteringWithSinceArrivesExactlyOnce() throws IOException {
    for (int round = 0; round < 5; round++) {
      String id = api.createConversation("register race " + round);
      String address = "conversation." + id + ".turns";
      try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
        // No wait between the two frames: the turn may be stored and published before the
        // subscription exists, during the replay, or after it; it must arrive once in every case.
        peer.send(
            new JsonObject()
                .put("type", "register")
                .put("address", address)
                .put("headers", new JsonObject().put("since", "0")));
        peer.send(
            new JsonObject()
                .put("type", "send")
                .put("address", "bridge.turns.submit")
                .put("replyAddress", "r")
                .put(
                    "body",
                    new JsonObject()
                        .put("conversation_id", id)
                        .put("speaker", "User")
                        .put("raw_text", "um first")));
        List<JsonObject> others = new java.util.ArrayList<>();
        List<Long> seqs = turnSeqsUntil(peer, address, 1, others);
        // A second turn, sent once the first was seen, ends the check: nothing of seq 1 came again
        // before it.
        api.realtime(id, "User", "second").await();
        seqs.addAll(turnSeqsUntil(peer, address, 2, others));
        assertThat(seqs).containsExactly(1L, 2L);
        assertThat(others)
            .anySatisfy(
                f -> assertThat(f.getJsonObject("body").getString("type")).isEqualTo("registered"));
        assertThat(others).noneSatisfy(f -> assertThat(f.getString("type")).isEqualTo("err"));
      }
    }
  }

  @Test
  void registerWithSinceReplaysTheStoredTurnsThenGoesLive() throws IOException {
    String id = api.createConversation("bridge resume");
    String address = "conversation." + id + ".turns";
    for (String text : List.of("one", "two", "three")) {
      api.realtime(id, "User", text).await();
    }
    api.awaitSettled(id, 3, 30);
    try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
      peer.send(new JsonObject().put("type", "register").put("address", address).put("since", 1));
      JsonObject registered =
          peer.readUntil(
              f ->
                  f.getJsonObject("body") != null
                      && "registered".equals(f.getJsonObject("body").getString("type")));
      assertThat(registered.getJsonObject("body").getLong("resume_from")).isEqualTo(1L);
      List<JsonObject> replayed = new java.util.ArrayList<>();
      JsonObject complete = null;
      for (int i = 0; i < 10 && complete == null; i++) {
        JsonObject body = peer.read().getJsonObject("body");
        if (body != null && "replay.complete".equals(body.getString("type"))) {
          complete = body;
        } else if (body != null && body.getString("type", "").startsWith("turn.")) {
          replayed.add(body);
        }
      }
      assertThat(replayed).extracting(b -> b.getLong("seq")).containsExactly(2L, 3L);
      assertThat(replayed).allSatisfy(b -> assertThat(b.getBoolean("replayed")).isTrue());
      assertThat(replayed.get(0).getJsonObject("turn").getString("cleaned_text")).isEqualTo("two");
      assertThat(complete.getLong("last_seq")).isEqualTo(3L);

      api.realtime(id, "User", "four").await();
      List<JsonObject> others = new java.util.ArrayList<>();
      assertThat(turnSeqsUntil(peer, address, 4, others)).containsExactly(4L);

      // Unregistered: no more events for it. The bridge answers an unregister that took effect
      // with nothing (an unknown one with an err frame), and our ping with a pong.
      peer.send(new JsonObject().put("type", "unregister").put("address", address));
      peer.send(new JsonObject().put("type", "ping"));
      List<JsonObject> after = new java.util.ArrayList<>();
      for (int pongs = 0, i = 0; pongs < 1 && i < 10; i++) {
        JsonObject frame = peer.read();
        after.add(frame);
        pongs += "pong".equals(frame.getString("type")) ? 1 : 0;
      }
      api.realtime(id, "User", "five").await();
      api.awaitSettled(id, 5, 30);
      Subscription.sleep(300); // room for a wrong delivery to show up before the ping's answer
      peer.send(new JsonObject().put("type", "ping"));
      after.add(
          peer.readUntil(
              f -> {
                after.add(f);
                return "pong".equals(f.getString("type"));
              }));
      assertThat(after).noneSatisfy(f -> assertThat(f.getString("address")).isEqualTo(address));

      peer.send(
          new JsonObject().put("type", "register").put("address", address).put("since", "soon"));
      assertThat(peer.readUntil(f -> "err".equals(f.getString("type"))).getString("message"))
          .contains("since");
    }
  }

  @Test
  void bridgesDenyEverythingElse() throws IOException {
    try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "turns.submit")
              .put("replyAddress", "r")
              .put("body", new JsonObject().put("conversation_id", "x")));
      assertThat(peer.read().getString("message")).isEqualTo("access_denied");
      peer.send(new JsonObject().put("type", "register").put("address", "cleaner.shard.0"));
      assertThat(peer.read().getString("message")).isEqualTo("access_denied");
      peer.send(
          new JsonObject().put("type", "register").put("address", "conversation.not-a-uuid.turns"));
      assertThat(peer.read().getString("message")).isEqualTo("access_denied");
    }
  }

  @Test
  void sockJsBridgeDeliversConversationEvents(Vertx vertx) {
    String id = api.createConversation("sockjs bridge");
    List<JsonObject> frames = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = client.connect(app.port(), "127.0.0.1", "/eventbus/websocket").await();
    ws.handler(buffer -> frames.add(buffer.toJsonObject())); // raw SockJS frames may be binary
    ws.writeTextMessage(
            new JsonObject()
                .put("type", "register")
                .put("address", "conversation." + id + ".turns")
                .encode())
        .await();
    // The registration is confirmed on the address; a turn sent after it is delivered.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (frames.isEmpty() && System.nanoTime() < deadline) {
      Subscription.sleep(20);
    }
    assertThat(frames).isNotEmpty();
    assertThat(frames.get(0).getString("type")).isEqualTo("rec");
    assertThat(frames.get(0).getJsonObject("body").getString("type")).isEqualTo("registered");
    api.realtime(id, "AI", "##VT_CALM## Welcome to the demo.").await();
    while (frames.size() < 2 && System.nanoTime() < deadline) {
      Subscription.sleep(20);
    }
    assertThat(frames).hasSizeGreaterThanOrEqualTo(2);
    JsonObject body = frames.get(1).getJsonObject("body");
    assertThat(body.getLong("seq")).isEqualTo(1L);
    assertThat(body.getJsonObject("turn").getString("cleaned_text"))
        .isEqualTo("Welcome to the demo.");
    ws.close().await();
    client.close().await();
  }

  /** A SockJS client on the bridge's raw WebSocket transport, recording the frames it reads. */
  private record SockJsPeer(WebSocketClient client, WebSocket ws, List<JsonObject> frames) {
    static SockJsPeer open(Vertx vertx, int port) {
      WebSocketClient client = vertx.createWebSocketClient();
      WebSocket ws = client.connect(port, "127.0.0.1", "/eventbus/websocket").await();
      List<JsonObject> frames = new CopyOnWriteArrayList<>();
      ws.handler(buffer -> frames.add(buffer.toJsonObject())); // raw SockJS frames may be binary
      return new SockJsPeer(client, ws, frames);
    }

    void send(JsonObject frame) {
      ws.writeTextMessage(frame.encode()).await();
    }

    /** The bodies of the {@code rec} frames on the address, once {@code done} holds for them. */
    List<JsonObject> bodiesUntil(
        String address, java.util.function.Predicate<List<JsonObject>> done) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        List<JsonObject> bodies = bodies(address);
        if (done.test(bodies)) {
          return bodies;
        }
        Subscription.sleep(20);
      }
      throw new AssertionError("frames so far: " + frames);
    }

    List<JsonObject> bodies(String address) {
      return frames.stream()
          .filter(f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address")))
          .map(f -> f.getJsonObject("body"))
          .toList();
    }

    void close() {
      ws.close().await();
      client.close().await();
    }
  }

  private static List<Long> seqs(List<JsonObject> bodies) {
    return bodies.stream()
        .filter(b -> b.getString("type", "").startsWith("turn."))
        .map(b -> b.getLong("seq"))
        .toList();
  }

  @Test
  void sockJsRegisterWithSinceReplaysTheStoredTurnsThenGoesLive(Vertx vertx) {
    String id = api.createConversation("sockjs resume");
    String address = "conversation." + id + ".turns";
    for (String text : List.of("one", "two", "three")) {
      api.realtime(id, "User", text).await();
    }
    api.awaitSettled(id, 3, 30);
    SockJsPeer peer = SockJsPeer.open(vertx, app.port());
    peer.send(
        new JsonObject()
            .put("type", "register")
            .put("address", address)
            .put("headers", new JsonObject().put("since", "1")));
    List<JsonObject> replay =
        peer.bodiesUntil(
            address, b -> b.stream().anyMatch(x -> "replay.complete".equals(x.getString("type"))));
    assertThat(replay.get(0).getString("type")).isEqualTo("registered");
    assertThat(replay.get(0).getLong("resume_from")).isEqualTo(1L);
    assertThat(seqs(replay)).containsExactly(2L, 3L);
    assertThat(replay.get(1).getBoolean("replayed")).isTrue();
    assertThat(replay.get(1).getJsonObject("turn").getString("cleaned_text")).isEqualTo("two");
    assertThat(replay.get(replay.size() - 1).getLong("last_seq")).isEqualTo(3L);

    api.realtime(id, "User", "four").await();
    assertThat(seqs(peer.bodiesUntil(address, b -> seqs(b).contains(4L))))
        .containsExactly(2L, 3L, 4L);

    // An invalid since is refused with a reason; nothing else changes.
    peer.send(
        new JsonObject().put("type", "register").put("address", address).put("since", "soon"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (peer.frames().stream().noneMatch(f -> "err".equals(f.getString("type")))
        && System.nanoTime() < deadline) {
      Subscription.sleep(20);
    }
    assertThat(peer.frames())
        .filteredOn(f -> "err".equals(f.getString("type")))
        .anySatisfy(f -> assertThat(f.getString("body")).contains("since"));
    peer.close();
  }

  @Test
  void aTurnSentWhileRegisteringOnSockJsWithSinceArrivesExactlyOnce(Vertx vertx) {
    for (int round = 0; round < 5; round++) {
      String id = api.createConversation("sockjs register race " + round);
      String address = "conversation." + id + ".turns";
      api.realtime(id, "User", "before").await();
      SockJsPeer peer = SockJsPeer.open(vertx, app.port());
      // No wait between the register and the turn: the turn may be stored and published before
      // the subscription exists, during the replay, or after it; it must arrive once in every case.
      peer.send(new JsonObject().put("type", "register").put("address", address).put("since", 0));
      api.realtime(id, "User", "racing").await();
      peer.bodiesUntil(address, b -> seqs(b).contains(2L));
      api.realtime(id, "User", "after").await();
      List<JsonObject> bodies = peer.bodiesUntil(address, b -> seqs(b).contains(3L));
      assertThat(seqs(bodies)).containsExactly(1L, 2L, 3L);
      assertThat(bodies).filteredOn(b -> "registered".equals(b.getString("type"))).hasSize(1);
      assertThat(peer.frames()).noneSatisfy(f -> assertThat(f.getString("type")).isEqualTo("err"));
      peer.close();
    }
  }

  @Test
  void pythonExampleClientTailsAConversation() throws Exception {
    String id = api.createConversation("python example");
    Path script = Path.of("..", "scripts", "bridge-clients", "tail.py");
    Process process =
        new ProcessBuilder(
                "python3",
                script.toString(),
                id,
                "--port",
                Integer.toString(bridgePort),
                "--send",
                "User: the the demo is great",
                "--count",
                "1")
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("accepted: seq 1").contains("the demo is great");
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void pythonExampleClientResumesAfterASeq() throws Exception {
    String id = api.createConversation("python resume");
    api.realtime(id, "User", "first turn").await();
    api.realtime(id, "User", "um second turn").await();
    api.awaitSettled(id, 2, 30);
    String output =
        run(
            List.of(
                "python3",
                Path.of("..", "scripts", "bridge-clients", "tail.py").toString(),
                id,
                "--port",
                Integer.toString(bridgePort),
                "--since",
                "1",
                "--count",
                "1"));
    assertThat(output).contains("second turn").doesNotContain("first turn");
  }

  @Test
  void nodeExampleClientSendsAfterTheConfirmationAndTails() throws Exception {
    String id = api.createConversation("node example");
    String output =
        run(
            List.of(
                "node",
                Path.of("..", "scripts", "bridge-clients", "tail.mjs").toString(),
                id,
                "--port",
                Integer.toString(bridgePort),
                "--since",
                "0",
                "--send",
                "User: um hello from node",
                "--count",
                "1"));
    assertThat(output).contains("accepted: seq 1").contains("hello from node");
  }
}
