package io.cleanercontext.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each platform's documented payloads posted to its hook against a real PostgreSQL: a final result
 * becomes one stored turn (with the recogniser's words), a partial is published and never stored, a
 * retry stores nothing new, a bad signature is 401 and a malformed payload 400 with nothing stored;
 * and each goes on to a cleaned turn on a WebSocket. The fixtures are the unit tests', written from
 * the vendors' published schemas (cited there).
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class IntegrationsIT {
  private TestApp app;
  private Vertx vertx;

  @BeforeAll
  void start(Vertx vertx) {
    this.vertx = vertx;
    app = TestApp.start(vertx, TestApp.config("memory")).await();
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private JsonObject createIntegration(String source, String secret, JsonObject extra) {
    JsonObject body = new JsonObject().put("source", source).put("secret", secret).mergeIn(extra);
    HttpResponse<Buffer> r =
        app.client()
            .post("/api/v1/integrations")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(body.toBuffer())
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> hook(
      JsonObject integration, String query, String contentType, String body, String... headers) {
    HttpRequest<Buffer> request =
        app.client()
            .post(integration.getString("hook_path") + query)
            .putHeader("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) {
      request.putHeader(headers[i], headers[i + 1]);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  private List<List<Object>> sql(String query) {
    return TestDatabase.query(app.databaseUrl(), query);
  }

  private long turnsOf(String conversationId) {
    return (Long)
        sql("SELECT count(*) FROM turns WHERE conversation_id = '" + conversationId + "'")
            .get(0)
            .get(0);
  }

  private long conversationsOfCall(String callId) {
    return (Long)
        sql("SELECT count(*) FROM integration_calls WHERE external_call_id = '" + callId + "'")
            .get(0)
            .get(0);
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String field) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    if (field != null) {
      assertThat(r.bodyAsJsonObject().getString("field")).isEqualTo(field);
    }
  }

  /** The turn's cleaned event on a WebSocket subscribed from the start of the conversation. */
  private JsonObject cleanedOnWebSocket(String conversationId) {
    Subscription subscription = Subscription.open(vertx, app.port(), conversationId, 0L);
    try {
      return subscription
          .awaitEvents(e -> "turn.cleaned".equals(e.getString("type")), 1, 30)
          .get(0)
          .getJsonObject("turn");
    } finally {
      subscription.close().await();
    }
  }

  @Test
  void deepgram() {
    JsonObject integration =
        createIntegration(
            "deepgram",
            "relay-secret-1",
            new JsonObject().put("speakers", new JsonObject().put("channel:1", "Customer")));
    String secret = "X-Integration-Secret";
    String finalResult = DeepgramAdapterTest.results(true, "um We use salesforce.", 6.04);
    HttpResponse<Buffer> first =
        hook(
            integration,
            "?call_id=dg-call-1",
            "application/json",
            finalResult,
            secret,
            "relay-secret-1");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    String conversation = first.bodyAsJsonObject().getString("conversation_id");
    assertThat(first.bodyAsJsonObject().getJsonArray("turns").getJsonObject(0).getString("status"))
        .isEqualTo("accepted");

    // retry: the same segment again stores nothing new
    HttpResponse<Buffer> retry =
        hook(
            integration,
            "?call_id=dg-call-1",
            "application/json",
            finalResult,
            secret,
            "relay-secret-1");
    assertThat(retry.bodyAsJsonObject().getString("conversation_id")).isEqualTo(conversation);
    assertThat(retry.bodyAsJsonObject().getJsonArray("turns").getJsonObject(0).getString("status"))
        .isEqualTo("duplicate");
    // partial: published, never stored
    HttpResponse<Buffer> partial =
        hook(
            integration,
            "?call_id=dg-call-1",
            "application/json",
            DeepgramAdapterTest.results(false, "And we", 8.1),
            secret,
            "relay-secret-1");
    assertThat(
            partial.bodyAsJsonObject().getJsonArray("turns").getJsonObject(0).getString("status"))
        .isEqualTo("interim");
    assertThat(turnsOf(conversation)).isEqualTo(1);

    List<Object> stored =
        sql("SELECT speaker, role, raw_text, words::text FROM turns WHERE conversation_id = '"
                + conversation
                + "'")
            .get(0);
    assertThat(stored.subList(0, 3)).containsExactly("Customer", "user", "um We use salesforce.");
    JsonArray words = new JsonArray((String) stored.get(3));
    assertThat(words.getJsonObject(1).getMap())
        .isEqualTo(Map.of("word", "use", "confidence", 0.42, "start", 6.28, "end", 6.5));

    // bad secret and malformed: nothing stored, no conversation created
    assertProblem(
        hook(integration, "?call_id=dg-call-2", "application/json", finalResult, secret, "wrong"),
        401,
        null);
    assertProblem(
        hook(integration, "?call_id=dg-call-2", "application/json", finalResult), 401, null);
    assertProblem(
        hook(
            integration,
            "?call_id=dg-call-2",
            "application/json",
            finalResult.replace("\"start\":6.04,", "\"start\":\"soon\","),
            secret,
            "relay-secret-1"),
        400,
        "start");
    assertThat(conversationsOfCall("dg-call-2")).isZero();

    JsonObject cleaned = cleanedOnWebSocket(conversation);
    assertThat(cleaned.getString("raw_text")).isEqualTo("um We use salesforce.");
    assertThat(cleaned.getString("cleaned_text")).doesNotContain("um ");
  }
}
