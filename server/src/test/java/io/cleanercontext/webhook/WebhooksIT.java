package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.WebhookReceiver;
import io.cleanercontext.support.WebhookReceiver.Answer;
import io.cleanercontext.support.WebhookReceiver.Received;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Outbound webhooks against a real HTTP receiver on 127.0.0.1 (loopback allowed by this test's
 * configuration): signatures a receiver verifies, every event in order per conversation, retries
 * with backoff on 500 and on a timeout, a dead letter after the retry window and its resend, an
 * endpoint disabled after failing too long (and the event saying so), conversation.completed with
 * the whole transcript.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksIT {
  private Vertx vertx;
  private TestApp app;
  private WebClient http;
  private Api api;
  private WebhookReceiver receiver;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    receiver = new WebhookReceiver(vertx).start().await();
    JsonObject config = TestApp.config("memory");
    config.put(
        "webhooks",
        new JsonObject()
            .put("allow_private_destinations", true)
            .put("poll_interval_ms", 20)
            .put("request_timeout_ms", 700)
            .put("lease_ms", 5_000)
            .put("retry_base_ms", 200)
            .put("retry_max_delay_ms", 1_000)
            .put("retry_window_ms", 4_000)
            .put("disable_after_ms", 6_000));
    app = TestApp.start(vertx, config).await();
    http = app.client();
    api = new Api(http);
  }

  @AfterAll
  void stop() {
    app.stop().await();
    receiver.stop().await();
    vertx.close().await();
  }

  private JsonObject createEndpoint(String path, String... events) {
    JsonObject body = new JsonObject().put("url", receiver.url(path));
    if (events.length > 0) {
      body.put("events", new JsonArray(List.of((Object[]) events)));
    }
    HttpResponse<Buffer> r = api.post("/api/v1/webhooks/endpoints", body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private void deleteEndpoint(JsonObject endpoint) {
    http.delete("/api/v1/webhooks/endpoints/" + endpoint.getString("id")).send().await();
  }

  private void turns(String conversation, int n) {
    for (int i = 0; i < n; i++) {
      String speaker = i % 2 == 0 ? "User" : "AI";
      HttpResponse<Buffer> r =
          api.realtime(conversation, speaker, "um turn number " + i + " of the call").await();
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    }
  }

  @Test
  void everyTurnArrivesSignedOnceAndInOrderPerConversation() {
    JsonObject endpoint = createEndpoint("/ordered");
    String secret = endpoint.getString("secret");
    assertThat(secret).startsWith("whsec_");
    String a = api.createConversation("ordered a");
    String b = api.createConversation("ordered b");
    turns(a, 12);
    turns(b, 12);
    List<Received> got = receiver.await("/ordered", list -> list.size() >= 24, 30_000);
    Map<String, List<Long>> seqs = new HashMap<>();
    for (Received r : got) {
      assertThat(WebhookReceiver.verifies(secret, r)).as("signature of " + r.body()).isTrue();
      assertThat(r.id()).startsWith("msg_");
      JsonObject event = r.json();
      assertThat(event.getString("type")).isEqualTo("turn.cleaned");
      assertThat(event.getString("timestamp")).isNotBlank();
      JsonObject data = event.getJsonObject("data");
      seqs.computeIfAbsent(data.getString("conversation_id"), k -> new ArrayList<>())
          .add(data.getLong("seq"));
      assertThat(data.getJsonObject("turn").getString("status")).isIn("cleaned", "skipped");
    }
    List<Long> oneToTwelve = new ArrayList<>();
    for (long s = 1; s <= 12; s++) {
      oneToTwelve.add(s);
    }
    assertThat(seqs.get(a)).isEqualTo(oneToTwelve);
    assertThat(seqs.get(b)).isEqualTo(oneToTwelve);
    deleteEndpoint(endpoint);
  }

  @Test
  void aTurnsEventCarriesTheRecognisersWordsWhenItHasThem() {
    JsonObject endpoint = createEndpoint("/words", "turn.cleaned");
    String conversation = api.createConversation("words");
    JsonArray words =
        new JsonArray()
            .add(new JsonObject().put("word", "we").put("confidence", 0.9).put("start", 1.0))
            .add(new JsonObject().put("word", "use").put("confidence", 0.4).put("start", 1.2));
    HttpResponse<Buffer> r =
        api.post(
            "/api/v1/conversations/" + conversation + "/turns/realtime",
            new JsonObject().put("speaker", "User").put("raw_text", "we use").put("words", words));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    JsonObject turn =
        receiver
            .await("/words", list -> !list.isEmpty(), 30_000)
            .get(0)
            .json()
            .getJsonObject("data")
            .getJsonObject("turn");
    assertThat(turn.getJsonArray("words").getJsonObject(1).getString("word")).isEqualTo("use");
    assertThat(turn.getJsonArray("words").getJsonObject(1).getDouble("confidence")).isEqualTo(0.4);
    deleteEndpoint(endpoint);
  }

  @Test
  void aReceiverAnswering500IsRetriedWithGrowingDelaysAndTheNextTurnWaitsBehind() {
    receiver.answer("/flaky", new Answer(500, 0), new Answer(500, 0), new Answer(200, 0));
    JsonObject endpoint = createEndpoint("/flaky");
    String c = api.createConversation("flaky");
    turns(c, 2);
    List<Received> got = receiver.await("/flaky", list -> list.size() >= 4, 20_000);
    // Three attempts of seq 1 (same webhook-id), then seq 2: never seq 2 before seq 1 succeeded.
    assertThat(got.subList(0, 3)).extracting(Received::id).containsOnly(got.get(0).id());
    assertThat(got.subList(0, 3))
        .allMatch(r -> r.json().getJsonObject("data").getLong("seq") == 1L);
    assertThat(got.get(3).json().getJsonObject("data").getLong("seq")).isEqualTo(2L);
    long first = got.get(1).atMs() - got.get(0).atMs();
    long second = got.get(2).atMs() - got.get(1).atMs();
    assertThat(first).as("first retry delay").isGreaterThanOrEqualTo(150);
    assertThat(second).as("second retry delay").isGreaterThanOrEqualTo(300);

    JsonObject delivery = firstDelivery(endpoint, "delivered");
    JsonObject log = api.get("/api/v1/webhooks/deliveries/" + delivery.getLong("id"));
    assertThat(log.getInteger("attempts")).isEqualTo(3);
    assertThat(
            log.getJsonArray("attempts_log").stream()
                .map(o -> ((JsonObject) o).getInteger("status")))
        .containsExactly(500, 500, 200);
    assertThat(
            ((JsonObject) log.getJsonArray("attempts_log").getValue(0))
                .getString("response_excerpt"))
        .isEqualTo("ok 500");
    deleteEndpoint(endpoint);
  }

  @Test
  void aReceiverThatTimesOutIsRetried() {
    receiver.answer("/slow", new Answer(200, 2_000), new Answer(200, 0));
    JsonObject endpoint = createEndpoint("/slow");
    String c = api.createConversation("slow");
    turns(c, 1);
    List<Received> got = receiver.await("/slow", list -> list.size() >= 2, 20_000);
    assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
    JsonObject delivery = awaitDelivery(endpoint, "delivered");
    JsonObject log = api.get("/api/v1/webhooks/deliveries/" + delivery.getLong("id"));
    JsonObject timedOut = (JsonObject) log.getJsonArray("attempts_log").getValue(0);
    assertThat(timedOut.getInteger("status")).isNull();
    assertThat(timedOut.getString("error")).containsIgnoringCase("timeout");
    deleteEndpoint(endpoint);
  }

  @Test
  void afterTheRetryWindowADeadLetterIsResentAndAnEndpointFailingTooLongIsDisabled() {
    receiver.answer("/down", new Answer(503, 0));
    JsonObject watcher = createEndpoint("/watcher", "endpoint.disabled");
    JsonObject down = createEndpoint("/down", "turn.cleaned");
    String c = api.createConversation("down");
    turns(c, 1);
    JsonObject dead = awaitDelivery(down, "dead");
    assertThat(dead.getInteger("attempts")).isGreaterThanOrEqualTo(3);
    assertThat(dead.getInteger("last_status")).isEqualTo(503);

    // Resent once it has failed for longer than disable_after_ms: the endpoint is disabled.
    Subscription.sleep(2_500);
    HttpResponse<Buffer> resent =
        api.post("/api/v1/webhooks/deliveries/" + dead.getLong("id") + "/resend", new JsonObject());
    assertThat(resent.statusCode()).as(resent.bodyAsString()).isEqualTo(202);
    List<Received> disabled = receiver.await("/watcher", list -> !list.isEmpty(), 20_000);
    JsonObject event = disabled.get(0).json();
    assertThat(event.getString("type")).isEqualTo("endpoint.disabled");
    assertThat(event.getJsonObject("data").getString("endpoint_id"))
        .isEqualTo(down.getString("id"));
    JsonObject now = api.get("/api/v1/webhooks/endpoints/" + down.getString("id"));
    assertThat(now.getBoolean("enabled")).isFalse();
    assertThat(now.getString("disabled_reason")).contains("503");

    // Fixed and re-enabled: the resent delivery goes out.
    receiver.answer("/down", new Answer(200, 0));
    HttpResponse<Buffer> enabled =
        http.put("/api/v1/webhooks/endpoints/" + down.getString("id"))
            .putHeader("Content-Type", "application/json")
            .sendBuffer(new JsonObject().put("enabled", true).toBuffer())
            .await();
    assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
    // Still pending (resent before the endpoint was disabled) it goes out on its own; dead, again.
    if ("dead".equals(delivery(dead.getLong("id")).getString("state"))) {
      api.post("/api/v1/webhooks/deliveries/" + dead.getLong("id") + "/resend", new JsonObject());
    }
    awaitDelivery(down, "delivered");
    deleteEndpoint(down);
    deleteEndpoint(watcher);
  }

  @Test
  void completingACallSendsTheWholeTranscriptAfterEveryTurn() {
    JsonObject endpoint = createEndpoint("/completed");
    String c = api.createConversation("completed call");
    turns(c, 6);
    HttpResponse<Buffer> r = api.post("/api/v1/conversations/" + c + "/complete", new JsonObject());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    assertThat(r.bodyAsJsonObject().getLong("completion_seq")).isEqualTo(6L);
    List<Received> got =
        receiver.await(
            "/completed",
            list ->
                list.stream()
                    .anyMatch(x -> x.json().getString("type").equals("conversation.completed")),
            20_000);
    Received last = got.get(got.size() - 1);
    assertThat(last.json().getString("type")).isEqualTo("conversation.completed");
    assertThat(got.stream().filter(x -> x.json().getString("type").equals("turn.cleaned")))
        .hasSize(6);
    JsonObject data = last.json().getJsonObject("data");
    assertThat(data.getString("reason")).isEqualTo("requested");
    assertThat(data.getJsonArray("transcript")).hasSize(6);
    assertThat(data.getJsonObject("figures").getInteger("turns")).isEqualTo(6);
    assertThat(data.getJsonObject("figures").getInteger("user_turns")).isEqualTo(3);
    assertThat(data.getString("timing")).isEqualTo("arrival");
    // A second request changes nothing, and no second event follows.
    api.post("/api/v1/conversations/" + c + "/complete", new JsonObject());
    Subscription.sleep(600);
    assertThat(
            receiver.at("/completed").stream()
                .filter(x -> x.json().getString("type").equals("conversation.completed")))
        .hasSize(1);
    deleteEndpoint(endpoint);
  }

  @Test
  void aTestEventAndASecretRotationSignWithBothSecretsDuringTheOverlap() {
    JsonObject endpoint = createEndpoint("/rotated");
    String old = endpoint.getString("secret");
    HttpResponse<Buffer> rotated =
        api.post(
            "/api/v1/webhooks/endpoints/" + endpoint.getString("id") + "/rotate-secret",
            new JsonObject().put("overlap_seconds", 600));
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    String fresh = rotated.bodyAsJsonObject().getString("secret");
    assertThat(fresh).isNotEqualTo(old);
    HttpResponse<Buffer> test =
        api.post(
            "/api/v1/webhooks/endpoints/" + endpoint.getString("id") + "/test", new JsonObject());
    assertThat(test.statusCode()).as(test.bodyAsString()).isEqualTo(202);
    Received got = receiver.await("/rotated", list -> !list.isEmpty(), 10_000).get(0);
    assertThat(got.json().getString("type")).isEqualTo("webhook.test");
    assertThat(got.signature().split(" ")).hasSize(2);
    assertThat(WebhookReceiver.verifies(fresh, got)).isTrue();
    assertThat(WebhookReceiver.verifies(old, got)).isTrue();
    deleteEndpoint(endpoint);
  }

  private JsonObject firstDelivery(JsonObject endpoint, String state) {
    JsonArray list =
        api.get(
                "/api/v1/webhooks/endpoints/"
                    + endpoint.getString("id")
                    + "/deliveries?state="
                    + state)
            .getJsonArray("deliveries");
    assertThat(list).isNotEmpty();
    return list.getJsonObject(list.size() - 1);
  }

  private JsonObject delivery(long id) {
    return api.get("/api/v1/webhooks/deliveries/" + id);
  }

  private JsonObject awaitDelivery(JsonObject endpoint, String state) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      JsonArray list =
          api.get(
                  "/api/v1/webhooks/endpoints/"
                      + endpoint.getString("id")
                      + "/deliveries?state="
                      + state)
              .getJsonArray("deliveries");
      if (!list.isEmpty()) {
        return list.getJsonObject(0);
      }
      Subscription.sleep(50);
    }
    throw new AssertionError("no " + state + " delivery of " + endpoint);
  }
}
