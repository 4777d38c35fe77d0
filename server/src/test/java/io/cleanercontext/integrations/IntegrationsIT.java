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

  /** Why the conversation was completed (conversation.completed), or null while it is not. */
  private String completionReason(String conversationId) {
    return (String)
        sql("SELECT completion_reason FROM conversations WHERE id = '" + conversationId + "'")
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
    // one utterance in two final segments: held, then joined at speech_final
    String opening = DeepgramAdapterTest.results(true, false, "um We use", 4.0);
    String finalResult = DeepgramAdapterTest.results(true, true, "salesforce.", 6.04);
    HttpResponse<Buffer> held =
        hook(
            integration,
            "?call_id=dg-call-1",
            "application/json",
            opening,
            secret,
            "relay-secret-1");
    assertThat(held.statusCode()).as(held.bodyAsString()).isEqualTo(200);
    String conversation = held.bodyAsJsonObject().getString("conversation_id");
    assertThat(
            held.bodyAsJsonObject().getJsonArray("segments").getJsonObject(0).getString("status"))
        .isEqualTo("held");
    assertThat(held.bodyAsJsonObject().getJsonArray("turns")).isEmpty();
    assertThat(turnsOf(conversation)).isZero();
    HttpResponse<Buffer> first =
        hook(
            integration,
            "?call_id=dg-call-1",
            "application/json",
            finalResult,
            secret,
            "relay-secret-1");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getString("conversation_id")).isEqualTo(conversation);
    JsonObject joined = first.bodyAsJsonObject().getJsonArray("turns").getJsonObject(0);
    assertThat(joined.getString("status")).isEqualTo("accepted");
    assertThat(joined.getInteger("segments")).isEqualTo(2);

    // retries of either segment: known, joined once, nothing new stored
    for (String again : List.of(opening, finalResult)) {
      HttpResponse<Buffer> retry =
          hook(
              integration,
              "?call_id=dg-call-1",
              "application/json",
              again,
              secret,
              "relay-secret-1");
      assertThat(retry.bodyAsJsonObject().getString("conversation_id")).isEqualTo(conversation);
      assertThat(
              retry
                  .bodyAsJsonObject()
                  .getJsonArray("segments")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("duplicate");
      assertThat(retry.bodyAsJsonObject().getJsonArray("turns")).isEmpty();
    }
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
    // both segments' words, in order: the turn starts at the first's and ends at the last's
    JsonArray words = new JsonArray((String) stored.get(3));
    assertThat(words).hasSize(6);
    assertThat(words.getJsonObject(0).getDouble("start")).isEqualTo(4.0);
    assertThat(words.getJsonObject(3).getDouble("start")).isEqualTo(6.04);
    assertThat(words.getJsonObject(4).getMap())
        .isEqualTo(Map.of("word", "use", "confidence", 0.42, "start", 6.28, "end", 6.5));
    // ... and served with the turn by the turns listing and the JSON transcript
    JsonObject listed =
        app.client()
            .get("/api/v1/conversations/" + conversation + "/turns")
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(listed.getJsonArray("items").getJsonObject(0).getJsonArray("words"))
        .isEqualTo(words);
    JsonObject one =
        app.client()
            .get("/api/v1/conversations/" + conversation + "/turns/" + joined.getString("turn_id"))
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(one.getString("raw_text")).isEqualTo("um We use salesforce.");
    assertThat(one.getJsonArray("words")).isEqualTo(words);
    JsonObject transcript =
        app.client()
            .get("/api/v1/conversations/" + conversation + "/transcript?format=json")
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(transcript.getJsonArray("turns").getJsonObject(0).getJsonArray("words"))
        .isEqualTo(words);

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

  private static String status(HttpResponse<Buffer> r, int turn) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("turns").getJsonObject(turn).getString("status");
  }

  @Test
  void assemblyai() {
    JsonObject integration = createIntegration("assemblyai", "relay-secret-2", new JsonObject());
    String[] secret = {"X-Integration-Secret", "relay-secret-2"};
    String json = "application/json";
    // partial, then the unformatted end of turn (partial too), then the formatted one (final)
    HttpResponse<Buffer> partial =
        hook(
            integration,
            "?call_id=aai-1",
            json,
            AssemblyAiAdapterTest.turn(false, false, "hi my"),
            secret);
    assertThat(status(partial, 0)).isEqualTo("interim");
    String conversation = partial.bodyAsJsonObject().getString("conversation_id");
    assertThat(
            status(
                hook(
                    integration,
                    "?call_id=aai-1",
                    json,
                    AssemblyAiAdapterTest.turn(true, false, "hi my name"),
                    secret),
                0))
        .isEqualTo("interim");
    String formatted = AssemblyAiAdapterTest.turn(true, true, "Hi, um, my name");
    assertThat(status(hook(integration, "?call_id=aai-1", json, formatted, secret), 0))
        .isEqualTo("accepted");
    assertThat(status(hook(integration, "?call_id=aai-1", json, formatted, secret), 0))
        .isEqualTo("duplicate");
    assertThat(turnsOf(conversation)).isEqualTo(1);
    List<Object> stored =
        sql("SELECT speaker, raw_text, words->2->>'confidence', words->0->>'start' FROM turns WHERE conversation_id = '"
                + conversation
                + "'")
            .get(0);
    assertThat(stored).containsExactly("User", "Hi, um, my name", "0.31", "1.92");

    assertProblem(
        hook(integration, "?call_id=aai-2", json, formatted, "X-Integration-Secret", "nope"),
        401,
        null);
    assertProblem(hook(integration, "", json, formatted, secret), 400, "call_id");
    assertProblem(
        hook(
            integration,
            "?call_id=aai-2",
            json,
            formatted.replace("\"turn_order\":0", "\"turn_order\":\"first\""),
            secret),
        400,
        "turn_order");
    assertThat(conversationsOfCall("aai-2")).isZero();
    assertThat(cleanedOnWebSocket(conversation).getString("cleaned_text")).isEqualTo("Hi, my name");
  }

  @Test
  void vapi() {
    JsonObject integration = createIntegration("vapi", "vapi-shared-secret", new JsonObject());
    String[] secret = {"x-vapi-secret", "vapi-shared-secret"};
    String json = "application/json";
    String callId = "0c1e5a7e-4d0b-4c3a-9b57-1f0a8e7d2c11";
    String agent =
        VapiAdapterTest.transcript("assistant", "final", "Which CRM do you use today?", 1000L);
    String user = VapiAdapterTest.transcript("user", "final", "uh we use uh sales force", 2000L);
    HttpResponse<Buffer> first = hook(integration, "", json, agent, secret);
    assertThat(status(first, 0)).isEqualTo("accepted");
    String conversation = first.bodyAsJsonObject().getString("conversation_id");
    assertThat(
            status(
                hook(
                    integration,
                    "",
                    json,
                    VapiAdapterTest.transcript("user", "partial", "uh we", 1500L),
                    secret),
                0))
        .isEqualTo("interim");
    assertThat(status(hook(integration, "", json, user, secret), 0)).isEqualTo("accepted");
    assertThat(status(hook(integration, "", json, user, secret), 0)).isEqualTo("duplicate");
    assertThat(
            sql(
                "SELECT speaker, role FROM turns WHERE conversation_id = '"
                    + conversation
                    + "' ORDER BY seq"))
        .containsExactly(List.of("AI", "ai"), List.of("User", "user"));
    // Vapi gives no words: its turns have none
    assertThat(
            app.client()
                .get("/api/v1/conversations/" + conversation + "/turns")
                .send()
                .await()
                .bodyAsJsonObject()
                .getJsonArray("items")
                .getJsonObject(0)
                .containsKey("words"))
        .isFalse();
    // other server messages are acknowledged and ignored; the end-of-call report records the end
    HttpResponse<Buffer> status =
        hook(
            integration,
            "",
            json,
            "{\"message\":{\"type\":\"status-update\",\"status\":\"in-progress\"}}",
            secret);
    assertThat(status.bodyAsJsonObject().getString("status")).isEqualTo("ignored");
    String report =
        "{\"message\":{\"type\":\"end-of-call-report\",\"endedReason\":\"customer-ended-call\",\"call\":{\"id\":\""
            + callId
            + "\"}}}";
    assertThat(
            hook(integration, "", json, report, secret).bodyAsJsonObject().getBoolean("call_ended"))
        .isTrue();
    assertThat(
            sql(
                "SELECT ended_at IS NOT NULL FROM integration_calls WHERE external_call_id = '"
                    + callId
                    + "'"))
        .containsExactly(List.of(true));
    assertThat(completionReason(conversation)).isEqualTo("platform_end_of_call");

    assertProblem(hook(integration, "", json, user), 401, null);
    assertProblem(
        hook(integration, "", json, user.replace("\"final\"", "\"done\""), secret),
        400,
        "message.transcriptType");
    assertThat(turnsOf(conversation)).isEqualTo(2);
    JsonObject cleaned = cleanedOnWebSocket(conversation);
    assertThat(cleaned.getString("raw_text")).isEqualTo("Which CRM do you use today?");
  }

  @Test
  void retell() {
    String key = "key_retell_webhook_0001";
    JsonObject integration = createIntegration("retell", key, new JsonObject());
    String json = "application/json";
    long now = System.currentTimeMillis();
    String started = RetellAdapterTest.event("call_started");
    HttpResponse<Buffer> start =
        hook(
            integration,
            "",
            json,
            started,
            "x-retell-signature",
            RetellAdapter.sign(started, key, now));
    assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(200);
    String conversation = start.bodyAsJsonObject().getString("conversation_id");
    String ended = RetellAdapterTest.event("call_ended");
    HttpResponse<Buffer> end =
        hook(
            integration,
            "",
            json,
            ended,
            "x-retell-signature",
            RetellAdapter.sign(ended, key, now));
    assertThat(end.bodyAsJsonObject().getString("conversation_id")).isEqualTo(conversation);
    assertThat(status(end, 0)).isEqualTo("accepted");
    assertThat(status(end, 1)).isEqualTo("accepted");
    assertThat(end.bodyAsJsonObject().getBoolean("call_ended")).isTrue();
    assertThat(completionReason(conversation)).isEqualTo("platform_end_of_call");
    // call_analyzed repeats the transcript: nothing new
    String analyzed = RetellAdapterTest.event("call_analyzed");
    HttpResponse<Buffer> again =
        hook(
            integration,
            "",
            json,
            analyzed,
            "x-retell-signature",
            RetellAdapter.sign(analyzed, key, now));
    assertThat(status(again, 0)).isEqualTo("duplicate");
    assertThat(status(again, 1)).isEqualTo("duplicate");
    assertThat(
            sql(
                "SELECT speaker, raw_text, jsonb_array_length(words) FROM turns WHERE conversation_id = '"
                    + conversation
                    + "' ORDER BY seq"))
        .containsExactly(
            List.of("AI", "hi how are you doing?", 2), List.of("User", "Doing pretty well.", 3));

    String other = ended.replace("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6", "another-call");
    assertProblem(
        hook(
            integration,
            "",
            json,
            other,
            "x-retell-signature",
            RetellAdapter.sign(other, "not-the-key", now)),
        401,
        null);
    assertProblem(
        hook(
            integration,
            "",
            json,
            other,
            "x-retell-signature",
            RetellAdapter.sign(other, key, now - 600_000)),
        401,
        null);
    String malformed = other.replace("\"call_id\"", "\"id\"");
    assertProblem(
        hook(
            integration,
            "",
            json,
            malformed,
            "x-retell-signature",
            RetellAdapter.sign(malformed, key, now)),
        400,
        "call.call_id");
    assertThat(conversationsOfCall("another-call")).isZero();
    assertThat(cleanedOnWebSocket(conversation).getString("cleaned_text"))
        .isEqualTo("hi how are you doing?");
  }

  @Test
  void twilio() {
    String token = "twilio-auth-token-0001";
    String publicUrl = "https://cc.example.com/api/v1/integrations/twilio/hook";
    JsonObject integration =
        createIntegration("twilio", token, new JsonObject().put("public_url", publicUrl));
    String form = "application/x-www-form-urlencoded";
    String data = "{\"transcript\":\"uh the the demo was great\",\"confidence\":0.71}";
    String finalBody = TwilioAdapterTest.content("inbound_track", true, 5, data);
    String partialBody =
        TwilioAdapterTest.content(
            "inbound_track", false, 4, "{\"transcript\":\"uh the\",\"confidence\":0.5}");
    HttpResponse<Buffer> partial =
        hook(
            integration,
            "",
            form,
            partialBody,
            "X-Twilio-Signature",
            sign(publicUrl, partialBody, token));
    assertThat(status(partial, 0)).isEqualTo("interim");
    String conversation = partial.bodyAsJsonObject().getString("conversation_id");
    String signature = sign(publicUrl, finalBody, token);
    assertThat(status(hook(integration, "", form, finalBody, "X-Twilio-Signature", signature), 0))
        .isEqualTo("accepted");
    assertThat(status(hook(integration, "", form, finalBody, "X-Twilio-Signature", signature), 0))
        .isEqualTo("duplicate");
    assertThat(
            sql(
                "SELECT speaker, raw_text, words->0->>'confidence' FROM turns WHERE conversation_id = '"
                    + conversation
                    + "'"))
        .containsExactly(List.of("User", "uh the the demo was great", "0.71"));

    String other =
        finalBody.replace(
            "CA11111111111111111111111111111111", "CA99999999999999999999999999999999");
    assertProblem(hook(integration, "", form, other, "X-Twilio-Signature", signature), 401, null);
    assertProblem(hook(integration, "", form, other), 401, null);
    String malformed =
        TwilioAdapterTest.content("inbound_track", true, 6, "{not json")
            .replace("CA1111", "CA9999");
    assertProblem(
        hook(
            integration,
            "",
            form,
            malformed,
            "X-Twilio-Signature",
            sign(publicUrl, malformed, token)),
        400,
        "TranscriptionData");
    assertThat(conversationsOfCall("CA99999999999999999999999999999999")).isZero();
    assertThat(cleanedOnWebSocket(conversation).getString("cleaned_text"))
        .isEqualTo("the demo was great");
  }

  @Test
  void twilioWithoutAPublicUrlSignsTheUrlAsRequested() {
    String token = "twilio-auth-token-0002";
    JsonObject integration = createIntegration("twilio", token, new JsonObject());
    String url = "http://127.0.0.1:" + app.port() + integration.getString("hook_path");
    String body =
        TwilioAdapterTest.content("outbound_track", true, 1, TwilioAdapterTest.DATA)
            .replace("CA1111", "CA7777");
    HttpResponse<Buffer> r =
        hook(
            integration,
            "",
            "application/x-www-form-urlencoded",
            body,
            "X-Twilio-Signature",
            sign(url, body, token));
    assertThat(status(r, 0)).isEqualTo("accepted");
    String conversation = r.bodyAsJsonObject().getString("conversation_id");
    assertThat(sql("SELECT speaker FROM turns WHERE conversation_id = '" + conversation + "'"))
        .containsExactly(List.of("AI"));
  }

  private static String sign(String url, String body, String token) {
    return TwilioAdapter.sign(url, TwilioAdapter.form(body), token);
  }

  @Test
  void partialsReachSubscribersAsInterimEventsWithoutASeq() {
    JsonObject integration = createIntegration("vapi", "vapi-interim-secret", new JsonObject());
    String[] secret = {"x-vapi-secret", "vapi-interim-secret"};
    String first =
        VapiAdapterTest.transcript("user", "partial", "so", 1L).replace("0c1e5a7e", "11111111");
    String conversation =
        hook(integration, "", "application/json", first, secret)
            .bodyAsJsonObject()
            .getString("conversation_id");
    Subscription subscription = Subscription.open(vertx, app.port(), conversation, null);
    try {
      String next =
          VapiAdapterTest.transcript("user", "partial", "so we use", 2L)
              .replace("0c1e5a7e", "11111111");
      hook(integration, "", "application/json", next, secret);
      JsonObject interim =
          subscription.awaitEvents(e -> "turn.interim".equals(e.getString("type")), 1, 10).get(0);
      assertThat(interim.getString("text")).isEqualTo("so we use");
      assertThat(interim.getString("speaker")).isEqualTo("User");
      assertThat(interim.getString("source")).isEqualTo("vapi");
      assertThat(interim.containsKey("seq")).isFalse();
    } finally {
      subscription.close().await();
    }
    assertThat(turnsOf(conversation)).isZero();
  }

  @Test
  void integrationsAreManagedWithTheirSecretsNeverShown() {
    JsonObject created =
        createIntegration(
            "deepgram",
            "managed-secret-1",
            new JsonObject()
                .put("name", "two channels")
                .put("speakers", new JsonObject().put("channel:0", "Agent")));
    String id = created.getString("id");
    assertThat(created.getString("hook_path")).isEqualTo("/api/v1/integrations/deepgram/" + id);
    assertThat(created.encode()).doesNotContain("managed-secret-1");
    JsonObject listed = app.client().get("/api/v1/integrations").send().await().bodyAsJsonObject();
    assertThat(listed.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")))
        .contains(id);
    assertThat(listed.encode()).doesNotContain("managed-secret-1");

    // rotation: the new secret is the one checked from now on
    HttpResponse<Buffer> rotated =
        app.client()
            .put("/api/v1/integrations/" + id)
            .putHeader("Content-Type", "application/json")
            .sendBuffer(
                new JsonObject()
                    .put("secret", "managed-secret-2")
                    .put("name", "renamed")
                    .toBuffer())
            .await();
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    assertThat(rotated.bodyAsJsonObject().getString("name")).isEqualTo("renamed");
    String result = DeepgramAdapterTest.results(true, "hello", 1.0);
    assertProblem(
        hook(
            created,
            "?call_id=m-1",
            "application/json",
            result,
            "X-Integration-Secret",
            "managed-secret-1"),
        401,
        null);
    assertThat(
            hook(
                    created,
                    "?call_id=m-1",
                    "application/json",
                    result,
                    "X-Integration-Secret",
                    "managed-secret-2")
                .statusCode())
        .isEqualTo(200);

    for (JsonObject bad :
        List.of(
            new JsonObject().put("source", "zoom").put("secret", "12345678"),
            new JsonObject().put("source", "vapi"),
            new JsonObject().put("source", "vapi").put("secret", "short"),
            new JsonObject()
                .put("source", "vapi")
                .put("secret", "12345678")
                .put("speakers", new JsonObject().put("user", "Robot")),
            new JsonObject()
                .put("source", "vapi")
                .put("secret", "12345678")
                .put("public_url", "ftp://x"))) {
      HttpResponse<Buffer> refused =
          app.client()
              .post("/api/v1/integrations")
              .putHeader("Content-Type", "application/json")
              .sendBuffer(bad.toBuffer())
              .await();
      assertThat(refused.statusCode()).as(bad.encode()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("field")).as(bad.encode()).isNotNull();
    }
    assertThat(app.client().delete("/api/v1/integrations/" + id).send().await().statusCode())
        .isEqualTo(204);
    assertProblem(
        hook(
            created,
            "?call_id=m-1",
            "application/json",
            result,
            "X-Integration-Secret",
            "managed-secret-2"),
        404,
        null);
    // a hook under another source's name is no hook
    JsonObject vapi = createIntegration("vapi", "managed-secret-3", new JsonObject());
    HttpResponse<Buffer> wrongSource =
        app.client()
            .post("/api/v1/integrations/retell/" + vapi.getString("id"))
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{}"))
            .await();
    assertProblem(wrongSource, 404, null);
  }

  @Test
  void concurrentFirstMessagesOfACallShareOneConversation() {
    JsonObject integration = createIntegration("vapi", "vapi-race-secret", new JsonObject());
    List<io.vertx.core.Future<HttpResponse<Buffer>>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String body =
          VapiAdapterTest.transcript("user", "final", "turn " + i, 100L + i)
              .replace("0c1e5a7e", "22222222");
      sent.add(
          app.client()
              .post(integration.getString("hook_path"))
              .putHeader("Content-Type", "application/json")
              .putHeader("x-vapi-secret", "vapi-race-secret")
              .sendBuffer(Buffer.buffer(body)));
    }
    io.vertx.core.Future.all(sent).await();
    java.util.Set<String> conversations = new java.util.HashSet<>();
    for (var response : sent) {
      assertThat(response.result().statusCode())
          .as(response.result().bodyAsString())
          .isEqualTo(200);
      conversations.add(response.result().bodyAsJsonObject().getString("conversation_id"));
    }
    assertThat(conversations).hasSize(1);
    assertThat(turnsOf(conversations.iterator().next())).isEqualTo(8);
  }
}
