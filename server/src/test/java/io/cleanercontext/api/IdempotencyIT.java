package io.cleanercontext.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.TcpBridgePeer;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Idempotency-Key on turn submissions, against a real PostgreSQL: a retry gets the first answer and
 * stores nothing, on every submit route, over the TCP bridge, concurrently and after a restart.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class IdempotencyIT {
  private JsonObject config;
  private int bridgePort;
  private TestApp app;
  private Api api;

  @BeforeAll
  void start(Vertx vertx) {
    config = TestApp.config("memory");
    bridgePort = TestApp.withTcpBridge(config);
    app = TestApp.start(vertx, config).await();
    api = new Api(app.client());
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private Future<HttpResponse<Buffer>> post(String path, String key, JsonObject body) {
    var request = app.client().post(path).putHeader("Content-Type", "application/json");
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendBuffer(body.toBuffer());
  }

  private long storedTurns(String conversationId) {
    return (Long)
        TestDatabase.query(
                app.databaseUrl(),
                "SELECT count(*) FROM turns WHERE conversation_id = '" + conversationId + "'")
            .get(0)
            .get(0);
  }

  private static JsonObject turn(String speaker, String text) {
    return new JsonObject().put("speaker", speaker).put("raw_text", text);
  }

  private static JsonObject answerOf(HttpResponse<Buffer> response) {
    JsonObject body = response.bodyAsJsonObject().copy();
    body.remove("queue_time_ms");
    return body;
  }

  @Test
  void aRetriedRealtimeTurnGetsTheFirstAnswerAndStoresNothing() {
    String id = api.createConversation("retried realtime");
    String path = "/api/v1/conversations/" + id + "/turns/realtime";
    HttpResponse<Buffer> first = post(path, "retry-1", turn("User", "um hello there")).await();
    HttpResponse<Buffer> again = post(path, "retry-1", turn("User", "um hello there")).await();
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(answerOf(again)).isEqualTo(answerOf(first));
    assertThat(again.bodyAsJsonObject().getLong("seq")).isEqualTo(1L);

    // Another key, and no key, are new turns; the same key on another conversation is too.
    assertThat(
            post(path, "retry-2", turn("User", "um hello there"))
                .await()
                .bodyAsJsonObject()
                .getLong("seq"))
        .isEqualTo(2L);
    assertThat(
            post(path, null, turn("User", "um hello there"))
                .await()
                .bodyAsJsonObject()
                .getLong("seq"))
        .isEqualTo(3L);
    String other = api.createConversation("same key elsewhere");
    HttpResponse<Buffer> elsewhere =
        post(
                "/api/v1/conversations/" + other + "/turns/realtime",
                "retry-1",
                turn("User", "um hello there"))
            .await();
    assertThat(elsewhere.statusCode()).isEqualTo(202);
    assertThat(elsewhere.getHeader("Idempotent-Replayed")).isNull();
    assertThat(storedTurns(id)).isEqualTo(3);
    assertThat(api.awaitSettled(id, 3, 30)).hasSize(3);
  }

  @Test
  void concurrentRetriesOfOneKeyStoreOneTurn() {
    String id = api.createConversation("concurrent retries");
    String path = "/api/v1/conversations/" + id + "/turns/realtime";
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sent.add(post(path, "same-" + id, turn("User", "one turn only")));
    }
    Future.all(sent).await();
    JsonObject firstAnswer = answerOf(sent.get(0).result());
    for (Future<HttpResponse<Buffer>> response : sent) {
      assertThat(response.result().statusCode()).isEqualTo(202);
      assertThat(answerOf(response.result())).isEqualTo(firstAnswer);
    }
    assertThat(storedTurns(id)).isEqualTo(1);
  }

  @Test
  void aKeyReusedWithAnotherBodyIs422AndAMalformedKeyIs400() {
    String id = api.createConversation("reused key");
    String path = "/api/v1/conversations/" + id + "/turns/realtime";
    assertThat(post(path, "k", turn("User", "first body")).await().statusCode()).isEqualTo(202);
    HttpResponse<Buffer> reused = post(path, "k", turn("User", "another body")).await();
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reused.bodyAsJsonObject().getString("detail")).contains("Idempotency-Key");
    // The same key on the batch route is another request too.
    HttpResponse<Buffer> otherRoute =
        post(
                path + "/batch",
                "k",
                new JsonObject().put("turns", new JsonArray().add(turn("User", "first body"))))
            .await();
    assertThat(otherRoute.statusCode()).isEqualTo(422);

    for (String bad : List.of("é-not-ascii", "tab\tinside", " ", "x".repeat(256))) {
      HttpResponse<Buffer> refused = post(path, bad, turn("User", "never stored")).await();
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("Idempotency-Key");
    }
    assertThat(post(path, "x".repeat(255), turn("User", "longest key")).await().statusCode())
        .isEqualTo(202);
    assertThat(storedTurns(id)).isEqualTo(2);
  }

  @Test
  void aRetriedBatchGetsTheFirstAcceptancesInOrder() {
    String id = api.createConversation("retried batch");
    String path = "/api/v1/conversations/" + id + "/turns/realtime/batch";
    JsonObject body =
        new JsonObject()
            .put(
                "turns",
                new JsonArray()
                    .add(turn("AI", "Which CRM do you use?"))
                    .add(turn("User", "uh sales force")));
    HttpResponse<Buffer> first = post(path, "batch-1", body).await();
    HttpResponse<Buffer> again = post(path, "batch-1", body).await();
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(answerOf(again)).isEqualTo(answerOf(first));
    assertThat(
            again.bodyAsJsonObject().getJsonArray("accepted").stream()
                .map(a -> ((JsonObject) a).getLong("seq")))
        .containsExactly(1L, 2L);
    assertThat(storedTurns(id)).isEqualTo(2);
  }

  @Test
  void aRetriedSynchronousTurnGetsTheCleanedTurn() {
    String id = api.createConversation("retried sync");
    String path = "/api/v1/conversations/" + id + "/turns";
    HttpResponse<Buffer> first =
        post(path, "sync-1", turn("User", "um the the demo is great")).await();
    HttpResponse<Buffer> again =
        post(path, "sync-1", turn("User", "um the the demo is great")).await();
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("turn_id"))
        .isEqualTo(first.bodyAsJsonObject().getString("turn_id"));
    assertThat(again.bodyAsJsonObject().getString("cleaned_text"))
        .isEqualTo(first.bodyAsJsonObject().getString("cleaned_text"));
    assertThat(storedTurns(id)).isEqualTo(1);
  }

  @Test
  void aBridgeSubmitWithTheSameKeyGetsTheFirstAnswer() throws Exception {
    String id = api.createConversation("retried bridge submit");
    JsonObject body =
        new JsonObject()
            .put("conversation_id", id)
            .put("speaker", "User")
            .put("raw_text", "bridge retry")
            .put("idempotency_key", "bridge-1");
    try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
      List<JsonObject> answers = new ArrayList<>();
      for (String reply : List.of("b1", "b2")) {
        peer.send(
            new JsonObject()
                .put("type", "send")
                .put("address", "bridge.turns.submit")
                .put("replyAddress", reply)
                .put("body", body));
        JsonObject answer =
            peer.readUntil(f -> reply.equals(f.getString("address"))).getJsonObject("body");
        answer.remove("queue_time_ms");
        answers.add(answer);
      }
      assertThat(answers.get(1)).isEqualTo(answers.get(0));
      assertThat(answers.get(0).getLong("seq")).isEqualTo(1L);

      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "bridge.turns.submit")
              .put("replyAddress", "b3")
              .put("body", body.copy().put("raw_text", "another text")));
      JsonObject refused = peer.readUntil(f -> "b3".equals(f.getString("address")));
      assertThat(refused.getString("type")).isEqualTo("err");
      assertThat(refused.getString("message")).contains("Idempotency-Key");
      peer.send(
          new JsonObject()
              .put("type", "send")
              .put("address", "bridge.turns.submit")
              .put("replyAddress", "b4")
              .put("body", body.copy().put("idempotency_key", "ключ")));
      JsonObject malformed = peer.readUntil(f -> "b4".equals(f.getString("address")));
      assertThat(malformed.getString("message")).contains("idempotency_key");
    }
    assertThat(storedTurns(id)).isEqualTo(1);
  }

  @Test
  void keysOutliveARestartOnTheSameDatabase(Vertx vertx) {
    String id = api.createConversation("retried across a restart");
    String path = "/api/v1/conversations/" + id + "/turns/realtime";
    JsonObject firstAnswer =
        answerOf(post(path, "restart-1", turn("User", "before the restart")).await());
    app.stop().await();
    app = TestApp.start(vertx, config).await().sharedByClass();
    api = new Api(app.client());
    HttpResponse<Buffer> again =
        post(path, "restart-1", turn("User", "before the restart")).await();
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(answerOf(again)).isEqualTo(firstAnswer);
    assertThat(storedTurns(id)).isEqualTo(1);
  }

  @Test
  void keysOlderThanTheWindowArePurged(Vertx vertx) {
    String id = api.createConversation("purged keys");
    String path = "/api/v1/conversations/" + id + "/turns/realtime";
    assertThat(post(path, "old", turn("User", "long ago")).await().statusCode()).isEqualTo(202);
    TestDatabase.query(
        app.databaseUrl(),
        "UPDATE idempotency_keys SET created_at = now() - interval '25 hours'"
            + " WHERE conversation_id = '"
            + id
            + "' RETURNING key");
    // Past the window the key is free again: the same request is a new turn.
    HttpResponse<Buffer> after = post(path, "old", turn("User", "long ago")).await();
    assertThat(after.getHeader("Idempotent-Replayed")).isNull();
    assertThat(after.bodyAsJsonObject().getLong("seq")).isEqualTo(2L);
    TestDatabase.query(
        app.databaseUrl(),
        "UPDATE idempotency_keys SET created_at = now() - interval '25 hours'"
            + " WHERE conversation_id = '"
            + id
            + "' RETURNING key");
    var pool =
        io.cleanercontext.store.Database.pool(
            vertx, app.databaseUrl(), 1, "purge-" + UUID.randomUUID());
    int purged = io.cleanercontext.store.IdempotencyKeys.purge(pool, 24 * 3600_000L).await();
    pool.close().await();
    assertThat(purged).isGreaterThanOrEqualTo(1);
    assertThat(
            TestDatabase.query(
                app.databaseUrl(),
                "SELECT key FROM idempotency_keys WHERE conversation_id = '" + id + "'"))
        .isEmpty();
  }
}
