package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 26 end to end, with authentication on and real PostgreSQL: a card number sent in a user
 * turn never reaches PostgreSQL (turns, idempotency keys), the WebSocket, the event-bus address the
 * bridges forward, the logs or the metrics in clear, in each redaction mode and raw-text policy;
 * custom spelling applied after cleaning; settings and rules refused with problems naming them, and
 * invisible to another tenant.
 */
@ExtendWith(VertxExtension.class)
@org.junit.jupiter.api.Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyIT {
  private static final String CARD = "4111 1111 1111 1111";

  /**
   * The card's digits in any spacing. Not the bare "4111": timings, timestamps and ids in the same
   * text are random digits and contain it about once in a few hundred runs.
   */
  private static final String CARD_DIGITS = "4111[ -]?1111";

  private Vertx vertx;
  private TestApp app;
  private WebClient http;
  private String acme;
  private String acmeAdmin;
  private String globex;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    JsonObject config = TestApp.config("memory");
    config.getJsonObject("security").put("auth", "jwt").put("jwt_secret", Tokens.SECRET);
    app = TestApp.start(vertx, config).await();
    http = app.client();
    Tokens tokens = new Tokens(vertx);
    acme = tokens.of("acme", "read write");
    acmeAdmin = tokens.of("acme", "read write admin");
    globex = tokens.of("globex", "read write admin");
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    app.stop().await();
    vertx.close().await();
  }

  private HttpResponse<Buffer> send(
      String method, String path, String token, JsonObject body, String key) {
    var request =
        http.request(io.vertx.core.http.HttpMethod.valueOf(method), path)
            .putHeader("Authorization", "Bearer " + token);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    if (body == null) {
      return request.send().await();
    }
    return request
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body.toBuffer())
        .await();
  }

  private String create(String token) {
    HttpResponse<Buffer> r =
        send("POST", "/api/v1/conversations", token, new JsonObject().put("name", "privacy"), null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  private JsonObject userTurn(String token, String id, String text, String key) {
    HttpResponse<Buffer> r =
        send(
            "POST",
            "/api/v1/conversations/" + id + "/turns",
            token,
            new JsonObject().put("speaker", "User").put("raw_text", text),
            key);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String field) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).as(r.bodyAsString()).startsWith(field);
  }

  @ParameterizedTest
  @CsvSource({"mask,redacted", "mask,none", "remove,redacted", "remove,none"})
  void aCardNumberNeverReachesStorageSocketsBridgesLogsOrMetricsInClear(String mode, String raw) {
    String id = create(acme);
    JsonObject privacy =
        new JsonObject()
            .put(
                "privacy",
                new JsonObject()
                    .put("redaction", new JsonObject().put("mode", mode))
                    .put("raw_text", raw));
    HttpResponse<Buffer> set =
        send("PUT", "/api/v1/conversations/" + id + "/privacy", acme, privacy, null);
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);

    Subscription socket =
        Subscription.open(vertx, app.port(), id, null, new WebSocketClientOptions(), acme);
    List<String> bridged = new CopyOnWriteArrayList<>();
    MessageConsumer<Object> bus =
        vertx
            .eventBus()
            .consumer(Addresses.conversationTurns(id), m -> bridged.add(String.valueOf(m.body())));
    bus.completion().await();
    logs.list.clear();

    JsonObject turn =
        userTurn(acme, id, "yes my card is " + CARD + " thanks", UUID.randomUUID().toString());
    String cleaned = turn.getString("cleaned_text");
    assertThat(cleaned).doesNotContain("4111").doesNotContain("1111");
    JsonArray redactions = turn.getJsonObject("metadata").getJsonArray("redactions");
    assertThat(redactions.getJsonObject(0).getString("type")).isEqualTo("card");
    if (mode.equals("mask")) {
      assertThat(cleaned).contains("[CARD]");
    } else {
      assertThat(cleaned).doesNotContain("[CARD]");
    }
    socket.awaitTurns(1, 20);

    assertThat(socket.events().toString()).doesNotContainPattern(CARD_DIGITS);
    assertThat(bridged.toString()).doesNotContainPattern(CARD_DIGITS);
    for (String table : List.of("turns", "idempotency_keys", "conversations")) {
      String column = table.equals("conversations") ? "id" : "conversation_id";
      String rows =
          TestDatabase.query(
                  app.databaseUrl(),
                  "SELECT t::text FROM " + table + " t WHERE " + column + " = '" + id + "'")
              .toString();
      assertThat(rows).as(table).doesNotContainPattern(CARD_DIGITS);
    }
    String stored =
        TestDatabase.query(
                app.databaseUrl(),
                "SELECT raw_text FROM turns WHERE conversation_id = '" + id + "'")
            .get(0)
            .get(0)
            .toString();
    assertThat(stored).isEqualTo(raw.equals("none") ? "" : "yes my card is [CARD] thanks");
    assertThat(logs.list.toString()).doesNotContainPattern(CARD_DIGITS);
    // Every meter's name and tags (this test's Vert.x has no Prometheus endpoint; the meters are
    // the same).
    StringBuilder meters = new StringBuilder();
    app.metrics().registry().getMeters().forEach(m -> meters.append(m.getId()).append('\n'));
    assertThat(meters.toString()).contains("cc.").doesNotContainPattern(CARD_DIGITS);
    bus.unregister().await();
    socket.close().await();
  }

  @Test
  void spellingRulesApplyAfterCleaningAndBadRulesAreRefusedNamingTheRule() {
    String id = create(acme);
    JsonArray rules =
        new JsonArray(
            "[{\"from\":[\"haley\",\"hailee\"],\"to\":\"Hailey\"},{\"from\":[\"cleaner context\"],\"to\":\"CleanerContext\"}]");
    HttpResponse<Buffer> put =
        send(
            "PUT",
            "/api/v1/conversations/" + id + "/spelling",
            acme,
            new JsonObject().put("spelling", rules),
            null);
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    String cleaned =
        userTurn(acme, id, "I spoke to haley about cleaner context yesterday", null)
            .getString("cleaned_text");
    assertThat(cleaned).contains("Hailey").contains("CleanerContext").doesNotContain("haley");

    JsonArray bad =
        new JsonArray(
            "[{\"from\":[\"acme\"],\"to\":\"ACME\"},{\"from\":[\"ACME\"],\"to\":\"Acme\"}]");
    assertProblem(
        send(
            "PUT",
            "/api/v1/conversations/" + id + "/spelling",
            acme,
            new JsonObject().put("spelling", bad),
            null),
        400,
        "spelling[1].from[0]");
    HttpResponse<Buffer> read =
        send("GET", "/api/v1/conversations/" + id + "/spelling", acme, null, null);
    assertThat(read.bodyAsJsonObject().getJsonArray("spelling")).isEqualTo(rules);
  }

  @Test
  void tenantSettingsNeedAdminAreCheckedAndApplyToTheTenantsConversationsOnly() {
    assertThat(send("PUT", "/api/v1/tenant/settings", acme, new JsonObject(), null).statusCode())
        .isEqualTo(403);
    assertProblem(
        send(
            "PUT",
            "/api/v1/tenant/settings",
            acmeAdmin,
            new JsonObject("{\"privacy\":{\"redaction\":{\"types\":[\"card\",\"iban\"]}}}"),
            null),
        400,
        "privacy.redaction.types[1]");
    JsonObject settings =
        new JsonObject(
            "{\"privacy\":{\"redaction\":{\"mode\":\"mask\",\"types\":[\"email\"]},\"raw_text\":\"redacted\"},\"spelling\":[{\"from\":[\"globex\"],\"to\":\"Globex\"}],\"retention_days\":30}");
    HttpResponse<Buffer> put = send("PUT", "/api/v1/tenant/settings", globex, settings, null);
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(
            send("GET", "/api/v1/tenant/settings", globex, null, null)
                .bodyAsJsonObject()
                .getInteger("retention_days"))
        .isEqualTo(30);
    assertThat(
            send("GET", "/api/v1/tenant/settings", acme, null, null)
                .bodyAsJsonObject()
                .getValue("retention_days"))
        .isNull();

    String globexCall = create(globex);
    String cleaned =
        userTurn(globex, globexCall, "mail me at jo@example.com about globex", null)
            .getString("cleaned_text");
    assertThat(cleaned).contains("[EMAIL]").contains("Globex").doesNotContain("jo@example.com");
    String acmeCall = create(acme);
    assertThat(
            userTurn(acme, acmeCall, "mail me at jo@example.com about globex", null)
                .getString("cleaned_text"))
        .contains("jo@example.com");

    // Another tenant's conversation does not exist for this one.
    assertThat(
            send("GET", "/api/v1/conversations/" + globexCall + "/spelling", acme, null, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "PUT",
                    "/api/v1/conversations/" + globexCall + "/privacy",
                    acme,
                    new JsonObject().put("privacy", new JsonObject()),
                    null)
                .statusCode())
        .isEqualTo(404);
  }
}
