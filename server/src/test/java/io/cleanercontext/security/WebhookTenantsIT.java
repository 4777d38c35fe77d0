package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The webhook, completion and transcript routes with authentication on: scopes as declared, and no
 * tenant reads, changes, tests or resends another's endpoints and deliveries, ends or downloads
 * another's conversation, or receives another's events.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTenantsIT {
  private Vertx vertx;
  private TestApp app;
  private WebClient http;
  private WebhookReceiver receiver;
  private String acme;
  private String globex;
  private String acmeReadOnly;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    receiver = new WebhookReceiver(vertx).start().await();
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("security").put("auth", "jwt").put("jwt_secret", Tokens.SECRET);
    config.put(
        "webhooks",
        new JsonObject().put("allow_private_destinations", true).put("poll_interval_ms", 20));
    app = TestApp.start(vertx, config).await();
    http = app.client();
    Tokens tokens = new Tokens(vertx);
    acme = tokens.of("acme", "read write");
    globex = tokens.of("globex", "read write");
    acmeReadOnly = tokens.of("acme", "read");
  }

  @AfterAll
  void stop() {
    app.stop().await();
    receiver.stop().await();
    vertx.close().await();
  }

  private HttpResponse<Buffer> call(HttpMethod method, String path, String token, JsonObject body) {
    var request = http.request(method, path).putHeader("Authorization", "Bearer " + token);
    return body == null
        ? request.send().await()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await();
  }

  @Test
  void noTenantSeesNorTouchesAnothersWebhooksNorEndsAnothersCall() {
    HttpResponse<Buffer> created =
        call(
            HttpMethod.POST,
            "/api/v1/webhooks/endpoints",
            acme,
            new JsonObject().put("url", receiver.url("/acme")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String endpoint = "/api/v1/webhooks/endpoints/" + created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> other =
        call(
            HttpMethod.POST,
            "/api/v1/webhooks/endpoints",
            globex,
            new JsonObject().put("url", receiver.url("/globex")));
    assertThat(other.statusCode()).isEqualTo(201);

    String conversation =
        call(
                HttpMethod.POST,
                "/api/v1/conversations",
                acme,
                new JsonObject().put("name", "acme call"))
            .bodyAsJsonObject()
            .getString("id");
    HttpResponse<Buffer> turn =
        call(
            HttpMethod.POST,
            "/api/v1/conversations/" + conversation + "/turns/realtime",
            acme,
            new JsonObject().put("speaker", "User").put("raw_text", "hello there"));
    assertThat(turn.statusCode()).isEqualTo(202);
    receiver.await("/acme", list -> !list.isEmpty(), 20_000);
    long delivery =
        call(HttpMethod.GET, endpoint + "/deliveries", acme, null)
            .bodyAsJsonObject()
            .getJsonArray("deliveries")
            .getJsonObject(0)
            .getLong("id");

    // globex: every route on acme's things is "not found"; its list holds only its own endpoint.
    assertThat(call(HttpMethod.GET, endpoint, globex, null).statusCode()).isEqualTo(404);
    assertThat(
            call(HttpMethod.PUT, endpoint, globex, new JsonObject().put("enabled", false))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            call(HttpMethod.POST, endpoint + "/rotate-secret", globex, new JsonObject())
                .statusCode())
        .isEqualTo(404);
    assertThat(call(HttpMethod.POST, endpoint + "/test", globex, new JsonObject()).statusCode())
        .isEqualTo(404);
    assertThat(call(HttpMethod.GET, endpoint + "/deliveries", globex, null).statusCode())
        .isEqualTo(404);
    assertThat(call(HttpMethod.DELETE, endpoint, globex, null).statusCode()).isEqualTo(404);
    assertThat(
            call(HttpMethod.GET, "/api/v1/webhooks/deliveries/" + delivery, globex, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/webhooks/deliveries/" + delivery + "/resend",
                    globex,
                    new JsonObject())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/conversations/" + conversation + "/complete",
                    globex,
                    new JsonObject())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            call(
                    HttpMethod.GET,
                    "/api/v1/conversations/" + conversation + "/transcript",
                    globex,
                    null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            call(HttpMethod.GET, "/api/v1/webhooks/endpoints", globex, null)
                .bodyAsJsonObject()
                .getJsonArray("endpoints"))
        .hasSize(1);
    // acme's endpoint is untouched, and globex's receiver got nothing of acme's.
    assertThat(call(HttpMethod.GET, endpoint, acme, null).bodyAsJsonObject().getBoolean("enabled"))
        .isTrue();
    Subscription.sleep(300);
    assertThat(receiver.at("/globex")).isEmpty();
  }

  @Test
  void scopesAreDeclaredOnEveryRoute() {
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/webhooks/endpoints",
                    acmeReadOnly,
                    new JsonObject().put("url", receiver.url("/read-only")))
                .statusCode())
        .isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/v1/webhooks/endpoints", acmeReadOnly, null).statusCode())
        .isEqualTo(200);
    String conversation =
        call(HttpMethod.POST, "/api/v1/conversations", acme, new JsonObject().put("name", "scoped"))
            .bodyAsJsonObject()
            .getString("id");
    assertThat(
            call(
                    HttpMethod.POST,
                    "/api/v1/conversations/" + conversation + "/complete",
                    acmeReadOnly,
                    new JsonObject())
                .statusCode())
        .isEqualTo(403);
    assertThat(
            call(
                    HttpMethod.GET,
                    "/api/v1/conversations/" + conversation + "/transcript?format=txt",
                    acmeReadOnly,
                    null)
                .statusCode())
        .isEqualTo(200);
    for (String path :
        List.of(
            "/api/v1/webhooks/endpoints",
            "/api/v1/conversations/" + conversation + "/transcript")) {
      assertThat(http.get(path).send().await().statusCode())
          .as(path + " without a token")
          .isEqualTo(401);
    }
  }
}
