package io.cleanercontext.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Caller keyterms end to end against the real product and PostgreSQL: given at creation, read,
 * replaced mid-call, refused when malformed (nothing stored), and used by the cleaner for the next
 * turn, also after the shard's state is rebuilt by a restart.
 */
@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeytermsIT {
  private static final String MISHEARD = "we use copper leaf for it";

  private Vertx vertx;
  private TestApp app;
  private WebClient http;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    app = TestApp.start(vertx, TestApp.config("memory")).await();
    http = app.client();
  }

  @AfterAll
  void stop() {
    app.stop().await();
    vertx.close().await();
  }

  private HttpResponse<Buffer> post(WebClient client, String path, JsonObject body) {
    return client
        .post(path)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer())
        .await();
  }

  private HttpResponse<Buffer> put(String path, Object body) {
    return http.put(path)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(String.valueOf(body)))
        .await();
  }

  private HttpResponse<Buffer> putKeyterms(String id, JsonArray keyterms) {
    return put(keytermsPath(id), new JsonObject().put("keyterms", keyterms).encode());
  }

  private static String keytermsPath(String id) {
    return "/api/v1/conversations/" + id + "/keyterms";
  }

  private String create(WebClient client, JsonObject body) {
    HttpResponse<Buffer> created = post(client, "/api/v1/conversations", body);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private List<Object> keyterms(WebClient client, String id) {
    HttpResponse<Buffer> r = client.get(keytermsPath(id)).send().await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    return r.bodyAsJsonObject().getJsonArray("keyterms").getList();
  }

  /**
   * A user turn cleaned synchronously (through ingest, the queue and the shard); its cleaned text.
   */
  private String cleanedUserTurn(WebClient client, String id, String text) {
    HttpResponse<Buffer> r =
        post(
            client,
            "/api/v1/conversations/" + id + "/turns",
            new JsonObject().put("speaker", "User").put("raw_text", text));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("cleaned");
    return r.bodyAsJsonObject().getString("cleaned_text");
  }

  private static void assertProblem(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getString("field")).isEqualTo(field);
    assertThat(problem.getString("detail")).startsWith(field + " ");
  }

  @Test
  void keytermsGivenAtCreationAreTrimmedDeduplicatedAndReadBack() {
    String id =
        create(
            http,
            new JsonObject()
                .put("name", "with keyterms")
                .put(
                    "keyterms",
                    new JsonArray()
                        .add("  Copperleaf ")
                        .add("HubSpot")
                        .add("COPPERLEAF")
                        .add("Quick \t Fit  Windows")
                        .add("hubspot")));
    assertThat(keyterms(http, id)).containsExactly("Copperleaf", "HubSpot", "Quick Fit Windows");

    String none = create(http, new JsonObject().put("name", "without keyterms"));
    assertThat(keyterms(http, none)).isEmpty();
    String explicitNull =
        create(http, new JsonObject().put("name", "null keyterms").putNull("keyterms"));
    assertThat(keyterms(http, explicitNull)).isEmpty();
  }

  @Test
  void putReplacesThemAndBumpsTheirVersion() {
    String id =
        create(
            http,
            new JsonObject().put("name", "replace").put("keyterms", new JsonArray().add("Acme")));
    HttpResponse<Buffer> replaced =
        putKeyterms(id, new JsonArray().add("Copperleaf").add(" HubSpot ").add("copperLeaf"));
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(200);
    assertThat(replaced.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject().put("keyterms", new JsonArray().add("Copperleaf").add("HubSpot")));
    assertThat(keyterms(http, id)).containsExactly("Copperleaf", "HubSpot");

    assertThat(putKeyterms(id, new JsonArray()).statusCode()).isEqualTo(200);
    assertThat(keyterms(http, id)).isEmpty();
    assertThat(
            TestDatabase.query(
                app.databaseUrl(),
                "SELECT keyterms_version FROM conversations WHERE id = '" + id + "'"))
        .containsExactly(List.of(2));
  }

  @Test
  void malformedKeytermsAre400NamingTheEntryAndStoreNothing() {
    String id =
        create(
            http,
            new JsonObject().put("name", "refusals").put("keyterms", new JsonArray().add("Kept")));
    String tooLong = "a".repeat(101);
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i <= 1000; i++) {
      tooMany.add("term " + i);
    }
    List<Object[]> cases =
        List.of(
            new Object[] {"\"Copperleaf\"", "keyterms"},
            new Object[] {"{\"a\": 1}", "keyterms"},
            new Object[] {tooMany.encode(), "keyterms"},
            new Object[] {"[\"ok\", 42]", "keyterms[1]"},
            new Object[] {"[\"ok\", \"fine\", null]", "keyterms[2]"},
            new Object[] {"[[\"nested\"]]", "keyterms[0]"},
            new Object[] {"[\"ok\", \"   \"]", "keyterms[1]"},
            new Object[] {"[\"\"]", "keyterms[0]"},
            new Object[] {"[\"ok\", \"" + tooLong + "\"]", "keyterms[1]"},
            new Object[] {"[\"" + emoji.repeat(101) + "\"]", "keyterms[0]"},
            new Object[] {"[\"one two three four five six seven\"]", "keyterms[0]"},
            new Object[] {"[\"ok\", \"bell\\u0007\"]", "keyterms[1]"},
            // invisible only: zero-width space, right-to-left override, word joiner, filler
            new Object[] {"[\"ok\", \"\\u200b\"]", "keyterms[1]"},
            new Object[] {"[\"\\u202e\\u200b \\u2060\"]", "keyterms[0]"},
            new Object[] {"[\"\\u3164\"]", "keyterms[0]"});
    for (Object[] c : cases) {
      String array = (String) c[0];
      String field = (String) c[1];
      assertProblem(put(keytermsPath(id), "{\"keyterms\": " + array + "}"), field);
      assertProblem(
          http.post("/api/v1/conversations")
              .putHeader("Content-Type", "application/json")
              .sendBuffer(
                  Buffer.buffer("{\"name\": \"refused create\", \"keyterms\": " + array + "}"))
              .await(),
          field);
    }
    assertProblem(put(keytermsPath(id), "{}"), "keyterms");
    assertProblem(put(keytermsPath(id), "{\"keyterms\": null}"), "keyterms");
    assertThat(keyterms(http, id)).containsExactly("Kept");
    assertThat(
            TestDatabase.query(
                app.databaseUrl(),
                "SELECT keyterms_version FROM conversations WHERE id = '" + id + "'"))
        .containsExactly(List.of(0));
    assertThat(
            TestDatabase.query(
                app.databaseUrl(),
                "SELECT count(*) FROM conversations WHERE name = 'refused create'"))
        .containsExactly(List.of(0L));

    // The limits themselves are allowed: 100 code points (200 UTF-16 units), six words, 1,000
    // terms.
    JsonArray atLimits =
        new JsonArray()
            .add(emoji.repeat(100))
            .add("one two three four five six")
            .add(tooLong.substring(1));
    for (int i = 0; atLimits.size() < 1000; i++) {
      atLimits.add("term " + i);
    }
    HttpResponse<Buffer> accepted = putKeyterms(id, atLimits);
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(keyterms(http, id))
        .hasSize(1000)
        .startsWith(emoji.repeat(100), "one two three four five six");
  }

  @Test
  void anUnknownConversationIs404() {
    String unknown = "/api/v1/conversations/00000000-0000-0000-0000-000000000000/keyterms";
    HttpResponse<Buffer> get = http.get(unknown).send().await();
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(
            put(unknown, new JsonObject().put("keyterms", new JsonArray().add("x")).encode())
                .statusCode())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/conversations/not-a-uuid/keyterms").send().await().statusCode())
        .isEqualTo(400);
  }

  @Test
  void aKeytermCorrectsTheUserTurnItIsHeardIn() {
    String without = create(http, new JsonObject().put("name", "no keyterm"));
    assertThat(cleanedUserTurn(http, without, MISHEARD)).doesNotContain("Copperleaf");

    String with =
        create(
            http,
            new JsonObject()
                .put("name", "keyterm")
                .put("keyterms", new JsonArray().add("Copperleaf")));
    assertThat(cleanedUserTurn(http, with, MISHEARD)).contains("Copperleaf");
  }

  @Test
  void aReplacementMidCallIsUsedFromTheNextTurnOn() {
    String id = create(http, new JsonObject().put("name", "mid-call"));
    assertThat(cleanedUserTurn(http, id, MISHEARD)).doesNotContain("Copperleaf");
    assertThat(putKeyterms(id, new JsonArray().add("Copperleaf")).statusCode()).isEqualTo(200);
    assertThat(cleanedUserTurn(http, id, MISHEARD)).contains("Copperleaf");
    // and taken away again
    assertThat(putKeyterms(id, new JsonArray()).statusCode()).isEqualTo(200);
    assertThat(cleanedUserTurn(http, id, MISHEARD)).doesNotContain("Copperleaf");
  }

  @Test
  void aRestartedServerRebuildsTheShardWithTheKeyterms() {
    // A Vert.x of its own: two deployments on one event bus would share each other's ingest.
    Vertx own = Vertx.vertx();
    try {
      restartKeepsKeyterms(own);
    } finally {
      own.close().await();
    }
  }

  @Test
  void aStateEvictedFromTheShardsCacheIsRebuiltWithTheKeyterms() {
    Vertx own = Vertx.vertx();
    try {
      JsonObject config = TestApp.config("memory");
      config.getJsonObject("cleaner").put("cache_size", 1);
      TestApp small = TestApp.start(own, config).await();
      try {
        WebClient client = small.client();
        String withKeyterm =
            create(
                client,
                new JsonObject()
                    .put("name", "evicted")
                    .put("keyterms", new JsonArray().add("Copperleaf")));
        // Another conversation on the same shard takes the one cache entry.
        int shard = io.cleanercontext.contract.ShardRouter.shardOf(withKeyterm, TestApp.SHARDS);
        String other;
        do {
          other = create(client, new JsonObject().put("name", "neighbour"));
        } while (io.cleanercontext.contract.ShardRouter.shardOf(other, TestApp.SHARDS) != shard);
        assertThat(cleanedUserTurn(client, withKeyterm, MISHEARD)).contains("Copperleaf");
        assertThat(cleanedUserTurn(client, other, MISHEARD)).doesNotContain("Copperleaf");
        assertThat(cleanedUserTurn(client, withKeyterm, MISHEARD)).contains("Copperleaf");
        assertThat(cleanedUserTurn(client, other, MISHEARD)).doesNotContain("Copperleaf");
      } finally {
        small.stop().await();
      }
    } finally {
      own.close().await();
    }
  }

  private void restartKeepsKeyterms(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    TestApp first = TestApp.start(vertx, config.copy()).await();
    String id = create(first.client(), new JsonObject().put("name", "restart"));
    assertThat(cleanedUserTurn(first.client(), id, MISHEARD)).doesNotContain("Copperleaf");
    HttpResponse<Buffer> replaced =
        first
            .client()
            .put(keytermsPath(id))
            .putHeader("Content-Type", "application/json")
            .sendBuffer(
                new JsonObject().put("keyterms", new JsonArray().add("Copperleaf")).toBuffer())
            .await();
    assertThat(replaced.statusCode()).isEqualTo(200);
    first.stop().await();

    TestApp second = TestApp.start(vertx, config.copy()).await();
    try {
      assertThat(keyterms(second.client(), id)).containsExactly("Copperleaf");
      assertThat(cleanedUserTurn(second.client(), id, MISHEARD)).contains("Copperleaf");
    } finally {
      second.stop().await();
    }
  }
}
