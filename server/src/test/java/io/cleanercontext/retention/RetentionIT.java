package io.cleanercontext.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.store.Database;
import io.cleanercontext.store.RetentionStore;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention and deletion against real PostgreSQL: the sweep deletes a conversation past its
 * tenant's retention with everything attached and keeps a fresh one; a sweep finding another node's
 * lock does nothing; DELETE of a conversation leaves nothing either. "Everything" is every table
 * with a {@code conversation_id} column, read from information_schema, so tables added later are
 * covered without touching this test.
 */
@org.junit.jupiter.api.Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT {
  private Vertx vertx;
  private TestApp app;
  private WebClient http;
  private Pool pool;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx, TestApp.config("memory")).await();
    http = app.client();
    pool = Database.pool(vertx, app.databaseUrl(), 2, "retention-test");
  }

  @AfterAll
  void stop() {
    pool.close().await();
    app.stop().await();
    vertx.close().await();
  }

  private HttpResponse<Buffer> send(String method, String path, JsonObject body, String key) {
    var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), path);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return body == null
        ? request.send().await()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await();
  }

  /**
   * A conversation with turns, an idempotency key, keyterms, spelling rules and privacy overrides.
   */
  private String conversationWithEverything() {
    HttpResponse<Buffer> created =
        send(
            "POST",
            "/api/v1/conversations",
            new JsonObject().put("name", "kept?").put("keyterms", new JsonArray().add("Acme")),
            null);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    String turns = "/api/v1/conversations/" + id + "/turns";
    assertThat(
            send(
                    "POST",
                    turns,
                    new JsonObject().put("speaker", "User").put("raw_text", "hello there"),
                    "key-" + id)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send(
                    "POST",
                    turns,
                    new JsonObject().put("speaker", "AI").put("raw_text", "hi, how can I help"),
                    null)
                .statusCode())
        .isEqualTo(200);
    JsonObject spelling =
        new JsonObject().put("spelling", new JsonArray("[{\"from\":[\"acme\"],\"to\":\"ACME\"}]"));
    assertThat(
            send("PUT", "/api/v1/conversations/" + id + "/spelling", spelling, null).statusCode())
        .isEqualTo(200);
    JsonObject privacy = new JsonObject("{\"privacy\":{\"redaction\":{\"mode\":\"mask\"}}}");
    assertThat(send("PUT", "/api/v1/conversations/" + id + "/privacy", privacy, null).statusCode())
        .isEqualTo(200);
    assertThat(rowsOf(id)).isGreaterThan(3);
    return id;
  }

  /** Rows naming the conversation in every table with a conversation_id column, and its own row. */
  private long rowsOf(String id) {
    long total = count("SELECT count(*) FROM conversations WHERE id = '" + id + "'");
    List<List<Object>> tables =
        TestDatabase.query(
            app.databaseUrl(),
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'conversation_id'");
    assertThat(tables).hasSizeGreaterThanOrEqualTo(2);
    for (List<Object> table : tables) {
      total +=
          count("SELECT count(*) FROM " + table.get(0) + " WHERE conversation_id = '" + id + "'");
    }
    return total;
  }

  private long count(String sql) {
    return ((Number) TestDatabase.query(app.databaseUrl(), sql).get(0).get(0)).longValue();
  }

  @Test
  void theSweepDeletesExpiredConversationsWithEverythingAttachedAndKeepsFreshOnes() {
    HttpResponse<Buffer> settings =
        send("PUT", "/api/v1/tenant/settings", new JsonObject().put("retention_days", 1), null);
    assertThat(settings.statusCode()).as(settings.bodyAsString()).isEqualTo(200);
    String expired = conversationWithEverything();
    String fresh = conversationWithEverything();
    String oldButActive = conversationWithEverything();
    // A conversation is idle since its last turn (updated_at) and was created before that.
    TestDatabase.query(
        app.databaseUrl(),
        "UPDATE conversations SET created_at = now() - interval '2 days',"
            + " updated_at = now() - interval '2 days' WHERE id = '"
            + expired
            + "' RETURNING id");
    TestDatabase.query(
        app.databaseUrl(),
        "UPDATE conversations SET created_at = now() - interval '5 days' WHERE id = '"
            + oldButActive
            + "' RETURNING id");
    long freshRows = rowsOf(fresh);
    long oldButActiveRows = rowsOf(oldButActive);

    RetentionStore store = new RetentionStore(pool);
    assertThat(store.sweepBatch(100).await()).isEqualTo(1);
    assertThat(rowsOf(expired)).isZero();
    assertThat(rowsOf(fresh)).isEqualTo(freshRows);
    assertThat(rowsOf(oldButActive)).isEqualTo(oldButActiveRows);
    assertThat(send("GET", "/api/v1/conversations/" + expired, null, null).statusCode())
        .isEqualTo(404);
    assertThat(store.sweepBatch(100).await()).isZero();
  }

  @Test
  void aSweepThatFindsAnotherNodesLockDoesNothing() {
    HttpResponse<Buffer> settings =
        send("PUT", "/api/v1/tenant/settings", new JsonObject().put("retention_days", 1), null);
    assertThat(settings.statusCode()).isEqualTo(200);
    String expired = conversationWithEverything();
    TestDatabase.query(
        app.databaseUrl(),
        "UPDATE conversations SET created_at = now() - interval '3 days',"
            + " updated_at = now() - interval '3 days' WHERE id = '"
            + expired
            + "' RETURNING id");
    RetentionStore store = new RetentionStore(pool);
    Pool other = Database.pool(vertx, app.databaseUrl(), 1, "other-node");
    try {
      int whileHeld =
          other
              .withTransaction(
                  conn ->
                      conn.query("SELECT pg_advisory_xact_lock(" + 0x5245_5445_4e54_494fL + ")")
                          .execute()
                          .compose(locked -> store.sweepBatch(100)))
              .await();
      assertThat(whileHeld).isEqualTo(-1);
      assertThat(rowsOf(expired)).isGreaterThan(0);
    } finally {
      other.close().await();
    }
    assertThat(store.sweepBatch(100).await()).isGreaterThanOrEqualTo(1);
    assertThat(rowsOf(expired)).isZero();
  }

  @Test
  void deletingAConversationLeavesNothingBehind() {
    String id = conversationWithEverything();
    assertThat(send("DELETE", "/api/v1/conversations/" + id, null, null).statusCode())
        .isEqualTo(204);
    assertThat(rowsOf(id)).isZero();
    assertThat(rowsOf(UUID.randomUUID().toString())).isZero();
  }
}
