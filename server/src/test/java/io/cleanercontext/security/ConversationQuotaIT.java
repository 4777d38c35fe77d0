package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conversations per tenant are capped ({@code security.max_conversations_per_tenant}): the attack
 * run created 1,000 in 1.7 s with nothing to stop it. Over the quota a create is 429 naming it;
 * deleting one makes room; another tenant is not affected.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ConversationQuotaIT {
  private TestApp app;
  private Tokens tokens;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config
        .getJsonObject("security")
        .put("auth", "jwt")
        .put("jwt_secret", Tokens.SECRET)
        .put("max_conversations_per_tenant", 3);
    app = TestApp.start(vertx, config).await();
    tokens = new Tokens(vertx);
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> create(String token) {
    return app.client()
        .post("/api/v1/conversations")
        .putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("name", "quota"))
        .await();
  }

  @Test
  void aTenantOverItsQuotaIs429UntilItDeletesOne() {
    String acme = tokens.of("acme", "read write");
    String first = null;
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> created = create(acme);
      assertThat(created.statusCode()).isEqualTo(201);
      first = first == null ? created.bodyAsJsonObject().getString("id") : first;
    }
    HttpResponse<Buffer> refused = create(acme);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.getHeader("Retry-After")).isNotNull();
    assertThat(refused.bodyAsJsonObject().getString("detail"))
        .contains("max_conversations_per_tenant");
    assertThat(create(tokens.of("globex", "read write")).statusCode())
        .as("another tenant")
        .isEqualTo(201);
    assertThat(
            app.client()
                .delete("/api/v1/conversations/" + first)
                .putHeader("Authorization", "Bearer " + acme)
                .send()
                .await()
                .statusCode())
        .isBetween(200, 204);
    assertThat(create(acme).statusCode()).isEqualTo(201);
  }
}
