package io.cleanercontext.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deepgram's utterances, sent as several final segments, stored as one turn each, against a real
 * PostgreSQL: joined at {@code speech_final} (IntegrationsIT), at an {@code UtteranceEnd} of their
 * channel only, at the stream's closing {@code Metadata}, when the conversation is completed, and
 * after the idle timeout, also when the server restarted while they were held; a claimed utterance
 * whose submission was cut short is submitted once.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class DeepgramUtterancesIT {
  private static final String SECRET = "relay-secret-utterances";

  private Vertx vertx;
  private TestApp app;
  private JsonObject integration;

  @BeforeAll
  void start(Vertx vertx) {
    this.vertx = vertx;
    JsonObject config = TestApp.config("memory");
    // No idle end here (an hour): each test ends its utterances itself.
    config.getJsonObject("api").put("utterance_idle_ms", 3_600_000);
    app = TestApp.start(vertx, config).await();
    integration =
        create(app, new JsonObject().put("speakers", new JsonObject().put("channel:1", "Agent")));
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private static JsonObject create(TestApp app, JsonObject extra) {
    JsonObject body =
        new JsonObject().put("source", "deepgram").put("secret", SECRET).mergeIn(extra);
    HttpResponse<Buffer> r =
        app.client()
            .post("/api/v1/integrations")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(body.toBuffer())
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static JsonObject post(TestApp app, JsonObject integration, String call, String body) {
    HttpResponse<Buffer> r =
        app.client()
            .post(integration.getString("hook_path") + "?call_id=" + call)
            .putHeader("Content-Type", "application/json")
            .putHeader("X-Integration-Secret", SECRET)
            .sendBuffer(Buffer.buffer(body))
            .await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** A final segment (not speech_final) of channel {@code channel}. */
  private static String segment(int channel, String text, double start) {
    return DeepgramAdapterTest.results(true, false, text, start)
        .replace("\"channel_index\":[1,2]", "\"channel_index\":[" + channel + ",2]");
  }

  private static List<List<Object>> turns(TestApp app, String conversation) {
    return TestDatabase.query(
        app.databaseUrl(),
        "SELECT speaker, raw_text, jsonb_array_length(words) FROM turns WHERE conversation_id = '"
            + conversation
            + "' ORDER BY seq");
  }

  @Test
  void anUtteranceEndJoinsItsChannelsSegmentsAndTheStreamsEndTheRest() {
    String call = "dg-ue-1";
    String conversation =
        post(app, integration, call, segment(0, "So we", 1.0)).getString("conversation_id");
    post(app, integration, call, segment(1, "Which CRM", 1.5));
    post(app, integration, call, segment(0, "use hubspot.", 2.0));
    // an interim of the next words is published, not held
    JsonObject interim =
        post(
            app,
            integration,
            call,
            DeepgramAdapterTest.results(false, false, "and", 4.0)
                .replace("\"channel_index\":[1,2]", "\"channel_index\":[0,2]"));
    assertThat(interim.getJsonArray("segments")).isEmpty();
    assertThat(turns(app, conversation)).isEmpty();

    JsonObject ended = post(app, integration, call, DeepgramAdapterTest.utteranceEnd(0, 2.7));
    assertThat(ended.getJsonArray("turns").getJsonObject(0).getString("status"))
        .isEqualTo("accepted");
    assertThat(turns(app, conversation)).containsExactly(List.of("User", "So we use hubspot.", 6));
    // the same UtteranceEnd again: nothing more
    assertThat(
            post(app, integration, call, DeepgramAdapterTest.utteranceEnd(0, 2.7))
                .getJsonArray("turns"))
        .isEmpty();

    // the stream closes: channel 1's held segment is the agent's turn
    post(app, integration, call, DeepgramAdapterTest.METADATA);
    assertThat(turns(app, conversation))
        .containsExactly(
            List.of("User", "So we use hubspot.", 6), List.of("Agent", "Which CRM", 3));
  }

  @Test
  void aHeldSegmentIsMaskedAsATurnsRawTextWouldBeAndItsTurnHasNoWords() {
    String call = "dg-privacy-1";
    String conversation =
        post(app, integration, call, segment(0, "my card is", 1.0)).getString("conversation_id");
    JsonObject privacy =
        new JsonObject(
            "{\"privacy\":{\"redaction\":{\"mode\":\"mask\"},\"raw_text\":\"redacted\"}}");
    HttpResponse<Buffer> set =
        app.client()
            .put("/api/v1/conversations/" + conversation + "/privacy")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(privacy.toBuffer())
            .await();
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);

    post(app, integration, call, segment(0, "4111 1111 1111 1111 thanks", 2.0));
    String held =
        TestDatabase.query(
                app.databaseUrl(),
                "SELECT string_agg(text || coalesce(words::text, ''), ' ') FROM utterance_segments"
                    + " WHERE conversation_id = '"
                    + conversation
                    + "'")
            .toString();
    assertThat(held).contains("[CARD]").doesNotContainPattern("4111[ -]?1111");

    post(app, integration, call, DeepgramAdapterTest.utteranceEnd(0, 3.0));
    assertThat(turns(app, conversation))
        .containsExactly(java.util.Arrays.asList("User", "my card is [CARD] thanks", null));
  }

  @Test
  void theIdleTimeoutDoesNotCompleteACallThatStillHoldsSegments() {
    String call = "dg-idle-1";
    String conversation =
        post(app, integration, call, DeepgramAdapterTest.results(true, true, "hello", 1.0))
            .getString("conversation_id");
    post(app, integration, call, segment(0, "and one more thing", 2.0));
    io.vertx.sqlclient.Pool pool =
        io.cleanercontext.store.Database.hotPathPool(vertx, app.databaseUrl(), 1, "idle-test");
    try {
      var completions = new io.cleanercontext.store.ConversationCompletions(pool);
      completions.completeIdle(0, 1_000).await();
      assertThat(requested(conversation)).isFalse();

      post(app, integration, call, DeepgramAdapterTest.utteranceEnd(0, 3.0));
      assertThat(turns(app, conversation)).hasSize(2);
      completions.completeIdle(0, 1_000).await();
      assertThat(requested(conversation)).isTrue();
    } finally {
      pool.close().await();
    }
  }

  private boolean requested(String conversation) {
    return (Boolean)
        TestDatabase.query(
                app.databaseUrl(),
                "SELECT completion_requested_at IS NOT NULL FROM conversations WHERE id = '"
                    + conversation
                    + "'")
            .get(0)
            .get(0);
  }

  @Test
  void completingTheConversationMakesItsHeldUtterancesTurnsFirst() {
    String call = "dg-complete-1";
    String conversation =
        post(app, integration, call, segment(0, "one last thing", 1.0))
            .getString("conversation_id");
    HttpResponse<Buffer> completed =
        app.client().post("/api/v1/conversations/" + conversation + "/complete").send().await();
    assertThat(completed.statusCode()).as(completed.bodyAsString()).isEqualTo(202);
    // the held utterance is a turn, and counted in what the end waits for
    assertThat(completed.bodyAsJsonObject().getLong("completion_seq")).isEqualTo(1L);
    assertThat(turns(app, conversation)).containsExactly(List.of("User", "one last thing", 3));
  }

  @Test
  void theStreamsEndMakesTheLinesUtterancesTurnsInTheOrderTheyStarted() {
    String call = "dg-order-1";
    String conversation =
        post(app, integration, call, segment(1, "Hi there,", 0.5)).getString("conversation_id");
    post(app, integration, call, segment(0, "hello.", 2.0));
    post(app, integration, call, segment(1, "how are you?", 1.0));
    post(app, integration, call, DeepgramAdapterTest.METADATA);
    assertThat(turns(app, conversation))
        .containsExactly(
            List.of("Agent", "Hi there, how are you?", 6), List.of("User", "hello.", 3));
  }

  @Test
  void theEndOfAnUnknownCallCreatesNoConversation() {
    JsonObject answer =
        post(app, integration, "dg-nothing", DeepgramAdapterTest.utteranceEnd(0, 1));
    assertThat(answer.getValue("conversation_id")).isNull();
    assertThat(answer.getJsonArray("turns")).isEmpty();
    assertThat(
            TestDatabase.query(
                app.databaseUrl(),
                "SELECT count(*) FROM integration_calls WHERE external_call_id = 'dg-nothing'"))
        .containsExactly(List.of(0L));
  }

  @Test
  void anUtteranceClaimedButNotSubmittedIsSubmittedOnceByTheNextEnd() {
    String call = "dg-crash-1";
    String conversation =
        post(app, integration, call, segment(0, "we were cut", 1.0)).getString("conversation_id");
    post(app, integration, call, segment(0, "short", 2.0));
    // as a crash between the claim and the submission leaves them
    TestDatabase.query(
        app.databaseUrl(),
        "UPDATE utterance_segments SET utterance_key = (SELECT max(segment_id) FROM"
            + " utterance_segments WHERE external_call_id = '"
            + call
            + "') WHERE external_call_id = '"
            + call
            + "' RETURNING 1");
    post(app, integration, call, segment(0, "and then", 5.0));
    post(app, integration, call, DeepgramAdapterTest.utteranceEnd(0, 6.0));
    post(app, integration, call, DeepgramAdapterTest.utteranceEnd(0, 6.0));
    assertThat(turns(app, conversation))
        .extracting(row -> row.get(1))
        .containsExactly("we were cut short", "and then");
  }

  @Test
  void heldSegmentsSurviveARestartAndTheIdleTimeoutJoinsThem() throws InterruptedException {
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("api").put("utterance_idle_ms", 3_600_000);
    // Two processes one after the other: each app on its own Vert.x, as after a restart.
    Vertx before = Vertx.vertx();
    Vertx after = Vertx.vertx();
    TestApp first = TestApp.start(before, config).await();
    JsonObject dg = create(first, new JsonObject());
    String call = "dg-restart-1";
    String conversation =
        post(first, dg, call, segment(0, "I was saying", 1.0)).getString("conversation_id");
    post(first, dg, call, segment(0, "that we", 2.0));
    first.stop().await();
    before.close().await();

    config.getJsonObject("api").put("utterance_idle_ms", 300);
    TestApp second = TestApp.start(after, config).await();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (turns(second, conversation).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(turns(second, conversation))
          .containsExactly(List.of("User", "I was saying that we", 6));
      // a late retry of a joined segment is known: no second turn
      JsonObject retry = post(second, dg, call, segment(0, "that we", 2.0));
      assertThat(retry.getJsonArray("segments").getJsonObject(0).getString("status"))
          .isEqualTo("duplicate");
      assertThat(turns(second, conversation)).hasSize(1);
    } finally {
      second.stop().await();
      after.close().await();
    }
  }
}
