package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Integrations with authentication on: managing them needs the admin scope, reading them the read
 * scope, each tenant sees only its own; a platform's hook needs no token (its signature is the
 * credential) and its calls become conversations of the integration's tenant only.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class IntegrationsSecurityIT {
  private TestApp app;
  private Tokens tokens;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("security").put("auth", "jwt").put("jwt_secret", Tokens.SECRET);
    app = TestApp.start(vertx, config).await();
    tokens = new Tokens(vertx);
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> send(HttpRequest<Buffer> request, String token, JsonObject body) {
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return body == null
        ? request.send().await()
        : request.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await();
  }

  private static JsonObject vapi(String secret) {
    return new JsonObject().put("source", "vapi").put("secret", secret);
  }

  private HttpResponse<Buffer> transcript(String hookPath, String secret, String callId) {
    String body =
        "{\"message\":{\"type\":\"transcript\",\"role\":\"user\",\"transcriptType\":\"final\","
            + "\"transcript\":\"we use hubspot\",\"timestamp\":1,\"call\":{\"id\":\""
            + callId
            + "\"}}}";
    return app.client()
        .post(hookPath)
        .putHeader("Content-Type", "application/json")
        .putHeader("x-vapi-secret", secret)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  @Test
  void scopesAndTenantsBoundIntegrations() {
    String acmeAdmin = tokens.of("acme", "admin");
    String acmeWriter = tokens.of("acme", "read write");
    String globexAdmin = tokens.of("globex", "admin");

    assertThat(
            send(app.client().post("/api/v1/integrations"), null, vapi("acme-secret-1"))
                .statusCode())
        .isEqualTo(401);
    HttpResponse<Buffer> notAdmin =
        send(app.client().post("/api/v1/integrations"), acmeWriter, vapi("acme-secret-1"));
    assertThat(notAdmin.statusCode()).isEqualTo(403);
    assertThat(notAdmin.bodyAsString()).contains("'admin' scope");

    HttpResponse<Buffer> created =
        send(app.client().post("/api/v1/integrations"), acmeAdmin, vapi("acme-secret-1"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    String path = "/api/v1/integrations/" + id;

    // The read scope reads; another tenant sees nothing and can change nothing.
    assertThat(send(app.client().get(path), acmeWriter, null).statusCode()).isEqualTo(200);
    assertThat(send(app.client().get(path), globexAdmin, null).statusCode()).isEqualTo(404);
    assertThat(send(app.client().put(path), globexAdmin, vapi("globex-secret")).statusCode())
        .isEqualTo(404);
    assertThat(send(app.client().delete(path), globexAdmin, null).statusCode()).isEqualTo(404);
    assertThat(
            send(app.client().get("/api/v1/integrations"), globexAdmin, null)
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .isEmpty();
    assertThat(send(app.client().delete(path), acmeWriter, null).statusCode()).isEqualTo(403);

    // The hook needs no token; its call is a conversation of acme's only.
    String hook = created.bodyAsJsonObject().getString("hook_path");
    HttpResponse<Buffer> received = transcript(hook, "acme-secret-1", "shared-call-id");
    assertThat(received.statusCode()).as(received.bodyAsString()).isEqualTo(200);
    String conversation = received.bodyAsJsonObject().getString("conversation_id");
    assertThat(
            send(app.client().get("/api/v1/conversations/" + conversation), acmeWriter, null)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send(app.client().get("/api/v1/conversations/" + conversation), globexAdmin, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(transcript(hook, "globex-secret", "shared-call-id").statusCode()).isEqualTo(401);

    // Globex's own integration: the same platform call id is another conversation, globex's.
    HttpResponse<Buffer> globex =
        send(app.client().post("/api/v1/integrations"), globexAdmin, vapi("globex-secret"));
    HttpResponse<Buffer> theirs =
        transcript(
            globex.bodyAsJsonObject().getString("hook_path"), "globex-secret", "shared-call-id");
    String theirConversation = theirs.bodyAsJsonObject().getString("conversation_id");
    assertThat(theirConversation).isNotEqualTo(conversation);
    assertThat(
            send(app.client().get("/api/v1/conversations/" + theirConversation), globexAdmin, null)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            send(app.client().get("/api/v1/conversations/" + theirConversation), acmeWriter, null)
                .statusCode())
        .isEqualTo(404);
  }
}
