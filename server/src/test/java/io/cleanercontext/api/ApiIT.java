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

/** Every REST route against the real product and a real PostgreSQL, good input and bad. */
@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
  private TestApp app;
  private WebClient http;

  private Vertx vertx;

  @BeforeAll
  void start() {
    vertx = io.cleanercontext.Main.createVertx(); // with Micrometer, as in production, for /metrics
    app = TestApp.start(vertx, TestApp.config("memory")).await();
    http = app.client();
  }

  @AfterAll
  void stop() {
    app.stop().await();
    vertx.close().await();
  }

  private HttpResponse<Buffer> post(String path, JsonObject body) {
    return http.post(path)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer())
        .await();
  }

  private HttpResponse<Buffer> postRaw(String path, String contentType, String body) {
    var request = http.post(path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  private HttpResponse<Buffer> get(String path) {
    return http.get(path).send().await();
  }

  private String createConversation(String name) {
    HttpResponse<Buffer> created =
        post(
            "/api/v1/conversations",
            new JsonObject()
                .put("name", name)
                .put("metadata", new JsonObject().put("customer", "Quick Fit Windows")));
    assertThat(created.statusCode()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    if (field != null) {
      assertThat(problem.getString("field")).isEqualTo(field);
    }
  }

  @Test
  void conversationLifecycle() {
    String id = createConversation("lifecycle");
    JsonObject one = get("/api/v1/conversations/" + id).bodyAsJsonObject();
    assertThat(one.getString("name")).isEqualTo("lifecycle");
    assertThat(one.getJsonObject("metadata").getString("customer")).isEqualTo("Quick Fit Windows");
    assertThat(one.getLong("turn_count")).isZero();

    JsonObject page = get("/api/v1/conversations?limit=500").bodyAsJsonObject();
    assertThat(page.getLong("total")).isGreaterThanOrEqualTo(1);
    assertThat(page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")))
        .contains(id);

    post(
        "/api/v1/conversations/" + id + "/turns",
        new JsonObject().put("speaker", "User").put("raw_text", "hello"));
    assertThat(http.delete("/api/v1/conversations/" + id).send().await().statusCode())
        .isEqualTo(204);
    assertProblem(get("/api/v1/conversations/" + id), 404, "id");
    assertThat(
            TestDatabase.query(
                    app.databaseUrl(),
                    "SELECT count(*) FROM turns WHERE conversation_id = '" + id + "'")
                .get(0)
                .get(0))
        .isEqualTo(0L);
    assertProblem(http.delete("/api/v1/conversations/" + id).send().await(), 404, "id");
  }

  @Test
  void syncTurnsComeBackCleanedAndReadableInOrder() {
    String id = createConversation("sync");
    JsonObject ai =
        post(
                "/api/v1/conversations/" + id + "/turns",
                new JsonObject()
                    .put("speaker", "Lumen")
                    .put(
                        "raw_text",
                        "##VT_WARM## I have you as Scott, the Head of Marketing at Quick Fit Windows."))
            .bodyAsJsonObject();
    assertThat(ai.getLong("seq")).isEqualTo(1);
    assertThat(ai.getString("cleaned_text"))
        .isEqualTo("I have you as Scott, the Head of Marketing at Quick Fit Windows.");
    assertThat(ai.getJsonObject("metadata").getString("context_detected")).isEqualTo("ai_response");
    assertThat(ai.getJsonObject("metadata").getString("cleaning_level")).isEqualTo("none");

    HttpResponse<Buffer> user =
        post(
            "/api/v1/conversations/" + id + "/turns",
            new JsonObject()
                .put("speaker", "User")
                .put("raw_text", "Yes that is right. <noise>")
                .put("cleaning_level", "full")
                .put("sliding_window_size", 5));
    assertThat(user.statusCode()).isEqualTo(200);
    JsonObject turn = user.bodyAsJsonObject();
    assertThat(turn.getLong("seq")).isEqualTo(2);
    assertThat(turn.getString("cleaned_text")).doesNotContain("<noise>");
    assertThat(turn.getString("status")).isEqualTo("cleaned");
    JsonObject metadata = turn.getJsonObject("metadata");
    assertThat(metadata.fieldNames())
        .contains(
            "confidence_score",
            "cleaning_applied",
            "cleaning_level",
            "corrections",
            "context_detected",
            "ai_model_used",
            "processing_time_ms",
            "timing_breakdown");
    assertThat(metadata.getBoolean("cleaning_applied")).isTrue();

    JsonObject garbage =
        post(
                "/api/v1/conversations/" + id + "/turns",
                new JsonObject().put("speaker", "Customer").put("raw_text", "<noise>"))
            .bodyAsJsonObject();
    assertThat(garbage.getString("status")).isEqualTo("skipped");
    assertThat(garbage.getString("cleaned_text")).isEmpty();

    JsonObject turns = get("/api/v1/conversations/" + id + "/turns").bodyAsJsonObject();
    assertThat(turns.getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("seq")))
        .containsExactly(1L, 2L, 3L);
    JsonObject since = get("/api/v1/conversations/" + id + "/turns?since_seq=2").bodyAsJsonObject();
    assertThat(since.getJsonArray("items")).hasSize(1);

    JsonObject context = get("/api/v1/conversations/" + id + "/context").bodyAsJsonObject();
    assertThat(context.getInteger("sliding_window_size")).isEqualTo(5);
    assertThat(context.getJsonArray("turns").stream().map(o -> ((JsonObject) o).getLong("seq")))
        .containsExactly(1L, 2L);

    JsonObject performance = get("/api/v1/conversations/" + id + "/performance").bodyAsJsonObject();
    assertThat(performance.getLong("turn_count")).isEqualTo(3);
    assertThat(performance.getJsonArray("by_status_and_role")).isNotEmpty();

    JsonObject status = get("/api/v1/conversations/" + id + "/queue/status").bodyAsJsonObject();
    assertThat(status.getLong("pending")).isZero();
    assertThat(status.getJsonObject("turns_by_status").encode())
        .isEqualTo("{\"pending\":0,\"cleaned\":2,\"skipped\":1,\"failed\":0}");
  }

  @Test
  void realtimeTurnIsAcceptedThenCleaned() throws InterruptedException {
    String id = createConversation("realtime");
    HttpResponse<Buffer> accepted =
        post(
            "/api/v1/conversations/" + id + "/turns/realtime",
            new JsonObject().put("speaker", "User").put("raw_text", "um I think so"));
    assertThat(accepted.statusCode()).isEqualTo(202);
    JsonObject body = accepted.bodyAsJsonObject();
    assertThat(body.fieldNames())
        .contains(
            "success",
            "job_id",
            "turn_id",
            "seq",
            "conversation_id",
            "queued_at",
            "queue_time_ms",
            "priority");
    long deadline = System.currentTimeMillis() + 10_000;
    String status = "pending";
    while (status.equals("pending") && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      status =
          get("/api/v1/conversations/" + id + "/turns")
              .bodyAsJsonObject()
              .getJsonArray("items")
              .getJsonObject(0)
              .getString("status");
    }
    assertThat(status).isEqualTo("cleaned");
  }

  @Test
  void aBatchOfTurnsIsStoredInOrderAllOrNoneAndEachIsCleaned() throws InterruptedException {
    String id = createConversation("batch");
    String batch = "/api/v1/conversations/" + id + "/turns/realtime/batch";
    post(
        "/api/v1/conversations/" + id + "/turns/realtime",
        new JsonObject().put("speaker", "AI").put("raw_text", "Do you use Salesforce today?"));
    JsonArray turns =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("speaker", "User")
                    .put("raw_text", "um yes we we use sales force"))
            .add(new JsonObject().put("speaker", "AI").put("raw_text", "Great, and for marketing?"))
            .add(
                new JsonObject()
                    .put("speaker", "User")
                    .put("raw_text", "hub spot")
                    .put("cleaning_level", "light"));
    HttpResponse<Buffer> accepted = post(batch, new JsonObject().put("turns", turns));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
    JsonArray acceptances = accepted.bodyAsJsonObject().getJsonArray("accepted");
    assertThat(acceptances.stream().map(a -> ((JsonObject) a).getLong("seq")))
        .containsExactly(2L, 3L, 4L);
    assertThat(acceptances.getJsonObject(0).fieldNames())
        .contains("turn_id", "job_id", "seq", "queued_at", "priority");

    // One bad turn refuses the whole batch, naming it; nothing of it is stored.
    JsonArray bad =
        new JsonArray()
            .add(new JsonObject().put("speaker", "User").put("raw_text", "fine"))
            .add(new JsonObject().put("speaker", "User").put("raw_text", "   "));
    assertProblem(post(batch, new JsonObject().put("turns", bad)), 400, "turns[1].raw_text");
    assertProblem(
        post(batch, new JsonObject().put("turns", new JsonArray().add("text"))), 400, "turns[0]");
    assertProblem(post(batch, new JsonObject().put("turns", new JsonArray())), 400, "turns");
    assertProblem(post(batch, new JsonObject().put("turns", "x")), 400, "turns");
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 101; i++) {
      tooMany.add(new JsonObject().put("speaker", "User").put("raw_text", "turn " + i));
    }
    assertProblem(post(batch, new JsonObject().put("turns", tooMany)), 400, "turns");
    assertProblem(
        post(
            "/api/v1/conversations/00000000-0000-0000-0000-000000000000/turns/realtime/batch",
            new JsonObject().put("turns", turns)),
        404,
        null);

    long deadline = System.currentTimeMillis() + 10_000;
    JsonArray items = new JsonArray();
    while (System.currentTimeMillis() < deadline) {
      items =
          get("/api/v1/conversations/" + id + "/turns").bodyAsJsonObject().getJsonArray("items");
      if (items.stream().noneMatch(t -> "pending".equals(((JsonObject) t).getString("status")))) {
        break;
      }
      Thread.sleep(20);
    }
    assertThat(items.stream().map(t -> ((JsonObject) t).getString("status")))
        .containsExactly("cleaned", "cleaned", "cleaned", "cleaned");
    assertThat(items.getJsonObject(1).getString("cleaned_text")).contains("Salesforce");
    assertThat(items.getJsonObject(3).getString("requested_level")).isEqualTo("light");
    assertThat(get("/api/v1/conversations/" + id).bodyAsJsonObject().getLong("last_seq"))
        .isEqualTo(4);
  }

  @Test
  void parsesTranscriptsAndAppendsThemInOrder() {
    String transcript =
        "AI\n\n##VT_HAPPY## Hi, it's Lumen.\n\nUser\n\nYes I can hear you <noise>\n\nCustomer: thanks\n";
    JsonObject parsed =
        post(
                "/api/v1/conversations/parse-transcript",
                new JsonObject().put("transcript", transcript))
            .bodyAsJsonObject();
    JsonArray turns = parsed.getJsonArray("turns");
    assertThat(turns).hasSize(3);
    assertThat(turns.getJsonObject(0).getJsonArray("voice_tags").getList())
        .containsExactly("VT_HAPPY");
    assertThat(turns.getJsonObject(1).getBoolean("has_noise")).isTrue();
    assertThat(parsed.getJsonObject("stats").getInteger("user_turns")).isEqualTo(2);

    String id = createConversation("transcript");
    HttpResponse<Buffer> appended =
        post(
            "/api/v1/conversations/parse-transcript",
            new JsonObject().put("transcript", transcript).put("conversation_id", id));
    assertThat(appended.statusCode()).isEqualTo(202);
    assertThat(appended.bodyAsJsonObject().getJsonArray("accepted")).hasSize(3);
  }

  @Test
  void badInputGetsProblemsNamingTheField() {
    String id = createConversation("bad input");
    String turns = "/api/v1/conversations/" + id + "/turns";
    assertProblem(postRaw(turns, "application/json", "{not json"), 400, null);
    assertProblem(postRaw(turns, "application/json", "[1,2]"), 400, null);
    assertProblem(postRaw(turns, "text/plain", "{}"), 415, null);
    assertProblem(postRaw(turns, null, "{}"), 415, null);
    assertProblem(post(turns, new JsonObject().put("raw_text", "hi")), 400, "speaker");
    assertProblem(post(turns, new JsonObject().put("speaker", "User")), 400, "raw_text");
    assertProblem(
        post(turns, new JsonObject().put("speaker", "User").put("raw_text", "   ")),
        400,
        "raw_text");
    assertProblem(
        post(turns, new JsonObject().put("speaker", "Robot").put("raw_text", "hi")),
        400,
        "speaker");
    assertProblem(
        post(turns, new JsonObject().put("speaker", 7).put("raw_text", "hi")), 400, "speaker");
    assertProblem(
        post(
            turns,
            new JsonObject()
                .put("speaker", "User")
                .put("raw_text", "hi")
                .put("cleaning_level", "max")),
        400,
        "cleaning_level");
    assertProblem(
        post(
            turns,
            new JsonObject()
                .put("speaker", "User")
                .put("raw_text", "hi")
                .put("sliding_window_size", 0)),
        400,
        "sliding_window_size");
    assertProblem(
        post(turns, new JsonObject().put("speaker", "User").put("raw_text", "x".repeat(10_001))),
        413,
        "raw_text");
    assertProblem(
        post(turns, new JsonObject().put("speaker", "User").put("raw_text", "a\u0000b")),
        400,
        "raw_text");
    assertProblem(
        post(
            "/api/v1/conversations/not-a-uuid/turns",
            new JsonObject().put("speaker", "User").put("raw_text", "hi")),
        400,
        "id");
    assertProblem(
        post(
            "/api/v1/conversations/00000000-0000-0000-0000-000000000000/turns",
            new JsonObject().put("speaker", "User").put("raw_text", "hi")),
        404,
        null);
    assertProblem(post("/api/v1/conversations", new JsonObject()), 400, "name");
    assertProblem(
        post("/api/v1/conversations", new JsonObject().put("name", "n").put("metadata", "x")),
        400,
        "metadata");
    assertProblem(get("/api/v1/conversations?limit=0"), 400, "limit");
    assertProblem(get("/api/v1/conversations/" + id + "/turns?since_seq=-1"), 400, "since_seq");
    assertProblem(get("/api/v1/nothing-here"), 404, null);
    assertProblem(
        postRaw(
            turns,
            "application/json",
            "{\"speaker\":\"User\",\"raw_text\":\"" + "y".repeat(300_000) + "\"}"),
        413,
        null);
    // Nothing half-written: none of the refused turns exists.
    assertThat(get(turns).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(get("/api/v1/conversations/" + id).bodyAsJsonObject().getLong("last_seq")).isZero();
  }

  @Test
  void systemRoutes() {
    HttpResponse<Buffer> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(
            health.bodyAsJsonObject().getJsonArray("checks").stream()
                .map(o -> ((JsonObject) o).getString("id")))
        .contains("database", "queue", "cleaner-shards");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    JsonObject openApi = get("/openapi.json").bodyAsJsonObject();
    assertThat(openApi.getString("openapi")).startsWith("3.");
    assertThat(openApi.getJsonObject("paths").fieldNames())
        .contains(
            "/api/v1/conversations",
            "/api/v1/conversations/{id}/turns",
            "/api/v1/conversations/{id}/turns/realtime",
            "/api/v1/conversations/{id}/turns/realtime/batch",
            "/api/v1/conversations/{id}/keyterms",
            "/api/v1/conversations/parse-transcript",
            "/api/v1/queue/status",
            "/health");
    assertThat(get("/docs").bodyAsString()).contains("openapi.json");
    assertThat(get("/metrics").bodyAsString()).contains("vertx_http_server");
    JsonObject queue = get("/api/v1/queue/status").bodyAsJsonObject();
    assertThat(queue.getString("backend")).isEqualTo("memory");
    assertThat(queue.getJsonArray("partitions")).isNotEmpty();
    assertThat(
            List.of(
                "processed",
                "failed",
                "retried",
                "dead_lettered",
                "workers",
                "length",
                "in_flight",
                "queue_wait_ms",
                "processing_ms"))
        .allSatisfy(f -> assertThat(queue.containsKey(f)).as(f).isTrue());
  }
}
