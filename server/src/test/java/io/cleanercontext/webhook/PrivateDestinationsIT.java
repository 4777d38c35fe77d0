package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.support.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With the default configuration (private destinations refused): an endpoint on loopback, private
 * or link-local addresses is refused when saved (422 naming {@code url}), and one that points there
 * by the time it is sent to (a name re-pointed after it was saved) is refused at send time, with
 * the refusal in its attempt log and nothing sent.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateDestinationsIT {
  private Vertx vertx;
  private TestApp app;
  private Api api;
  private WebhookReceiver receiver;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    receiver = new WebhookReceiver(vertx).start().await();
    JsonObject config = TestApp.config("memory");
    config.put(
        "webhooks", new JsonObject().put("poll_interval_ms", 20).put("retry_base_ms", 60_000));
    app = TestApp.start(vertx, config).await();
    api = new Api(app.client());
  }

  @AfterAll
  void stop() {
    app.stop().await();
    receiver.stop().await();
    vertx.close().await();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.0.0.7/hook",
        "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
        "https://[fd00::1]/hook"
      })
  void aPrivateDestinationIsRefusedWhenSaved(String url) {
    HttpResponse<Buffer> r =
        api.post("/api/v1/webhooks/endpoints", new JsonObject().put("url", url));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(r.bodyAsString()).contains("url").contains("not a public address");
  }

  @Test
  void badEndpointFieldsAreNamed() {
    HttpResponse<Buffer> scheme =
        api.post("/api/v1/webhooks/endpoints", new JsonObject().put("url", "ftp://example.com/x"));
    assertThat(scheme.statusCode()).isEqualTo(400);
    assertThat(scheme.bodyAsString()).contains("url");
    HttpResponse<Buffer> events =
        api.post(
            "/api/v1/webhooks/endpoints",
            new JsonObject()
                .put("url", "https://example.com/x")
                .put("events", new JsonArray().add("turn.eaten")));
    assertThat(events.statusCode()).isEqualTo(400);
    assertThat(events.bodyAsString()).contains("events").contains("turn.eaten");
  }

  @Test
  void anEndpointThatResolvesToAPrivateAddressAtSendTimeIsRefusedThen() {
    // Saved while its name pointed elsewhere; stored as it would be, then pointing at loopback.
    TestDatabase.query(
        app.databaseUrl(),
        "INSERT INTO webhook_endpoints (id, tenant, url, events, secret) VALUES"
            + " (gen_random_uuid(), 'default', '"
            + receiver.url("/rebound")
            + "', '{turn.cleaned}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id");
    String conversation = api.createConversation("rebound");
    assertThat(api.realtime(conversation, "User", "hello").await().statusCode()).isEqualTo(202);
    String error = null;
    long deadline = System.currentTimeMillis() + 20_000;
    while (error == null && System.currentTimeMillis() < deadline) {
      List<List<Object>> rows =
          TestDatabase.query(app.databaseUrl(), "SELECT error FROM webhook_attempts");
      error = rows.isEmpty() ? null : (String) rows.get(0).get(0);
      Subscription.sleep(50);
    }
    assertThat(error).startsWith("refused").contains("127.0.0.1");
    assertThat(receiver.at("/rebound")).isEmpty();
  }
}
