package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TcpBridgePeer;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Authentication and tenant isolation on every interface (REST, WebSocket, SockJS bridge, TCP
 * bridge) with auth on: tokens missing, expired, forged, and for another tenant.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SecurityIT {
  private TestApp app;
  private WebClient http;
  private Tokens tokens;
  private int bridgePort;
  private String acme;
  private String globex;
  private String acmeId;
  private String globexId;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    bridgePort = TestApp.withTcpBridge(config);
    config
        .getJsonObject("security")
        .put("auth", "jwt")
        .put("jwt_secret", Tokens.SECRET)
        .put("allowed_origins", new io.vertx.core.json.JsonArray().add("https://app.example"))
        .put("turns_per_second_per_tenant", 2)
        .put("turn_burst_per_tenant", 20);
    app = TestApp.start(vertx, config).await();
    http = app.client();
    tokens = new Tokens(vertx);
    acme = tokens.of("acme", "read write");
    globex = tokens.of("globex", "read write");
    acmeId = create(acme, "acme call");
    globexId = create(globex, "globex call");
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private String create(String token, String name) {
    HttpResponse<Buffer> r =
        post("/api/v1/conversations", token, new JsonObject().put("name", name));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  private HttpResponse<Buffer> get(String path, String token) {
    var request = http.get(path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send().await();
  }

  private HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    var request = http.post(path).putHeader("Content-Type", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.sendBuffer(body.toBuffer()).await();
  }

  private HttpResponse<Buffer> put(String path, String token, JsonObject body) {
    return http.put(path)
        .putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer " + token)
        .sendBuffer(body.toBuffer())
        .await();
  }

  private static JsonObject keyterms(String... terms) {
    return new JsonObject()
        .put("keyterms", new io.vertx.core.json.JsonArray(List.of((Object[]) terms)));
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String detailContains) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detailContains);
  }

  @Test
  void restRefusesMissingExpiredAndForgedTokens() {
    String path = "/api/v1/conversations/" + acmeId;
    assertProblem(get(path, null), 401, "bearer token is required");
    assertThat(get(path, null).getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertProblem(get(path, tokens.expired("acme")), 401, "expired");
    assertProblem(get(path, tokens.forged("acme")), 401, "invalid token");
    assertProblem(get(path, "not.a.jwt"), 401, "invalid token");
    assertThat(get(path, acme).statusCode()).isEqualTo(200);
    assertThat(get(path, acme).bodyAsJsonObject().getString("tenant")).isEqualTo("acme");
  }

  @Test
  void anotherTenantsConversationIsNotFound() {
    String other = "/api/v1/conversations/" + globexId;
    assertProblem(get(other, acme), 404, "not found");
    assertProblem(get(other + "/turns", acme), 404, "not found");
    assertProblem(get(other + "/context", acme), 404, "not found");
    String globexTurn =
        post(
                other + "/turns/realtime",
                globex,
                new JsonObject().put("speaker", "User").put("raw_text", "hi"))
            .bodyAsJsonObject()
            .getString("turn_id");
    assertProblem(get(other + "/turns/" + globexTurn, acme), 404, "not found");
    assertThat(get(other + "/turns/" + globexTurn, globex).statusCode()).isEqualTo(200);
    assertProblem(
        get("/api/v1/conversations/" + acmeId + "/turns/" + globexTurn, acme), 404, "not found");
    assertProblem(
        post(
            other + "/turns/realtime",
            acme,
            new JsonObject().put("speaker", "User").put("raw_text", "hi")),
        404,
        "not found");
    assertProblem(
        http.delete(other).putHeader("Authorization", "Bearer " + acme).send().await(),
        404,
        "not found");
    assertThat(put(other + "/keyterms", globex, keyterms("Globex")).statusCode()).isEqualTo(200);
    assertProblem(get(other + "/keyterms", acme), 404, "not found");
    assertProblem(put(other + "/keyterms", acme, keyterms("Acme")), 404, "not found");
    assertThat(get(other + "/keyterms", globex).bodyAsJsonObject()).isEqualTo(keyterms("Globex"));
    assertThat(
            get("/api/v1/conversations?limit=500", acme)
                .bodyAsJsonObject()
                .getJsonArray("items")
                .stream()
                .map(c -> ((JsonObject) c).getString("id"))
                .toList())
        .contains(acmeId)
        .doesNotContain(globexId);
    // still there for its owner
    assertThat(get(other, globex).statusCode()).isEqualTo(200);
  }

  @Test
  void scopesAndNamedConversationsLimitATokens() {
    String reader = tokens.of("acme", "read");
    assertThat(get("/api/v1/conversations/" + acmeId, reader).statusCode()).isEqualTo(200);
    assertProblem(
        post(
            "/api/v1/conversations/" + acmeId + "/turns/realtime",
            reader,
            new JsonObject().put("speaker", "User").put("raw_text", "hi")),
        403,
        "'write' scope");
    assertProblem(
        post("/api/v1/conversations/queue/stop", acme, new JsonObject()), 403, "'admin' scope");
    assertThat(get("/api/v1/conversations/" + acmeId + "/keyterms", reader).statusCode())
        .isEqualTo(200);
    assertProblem(
        put("/api/v1/conversations/" + acmeId + "/keyterms", reader, keyterms("Acme")),
        403,
        "'write' scope");
    assertProblem(
        post(
            "/api/v1/conversations",
            reader,
            new JsonObject()
                .put("name", "x")
                .put("keyterms", new io.vertx.core.json.JsonArray().add("Acme"))),
        403,
        "'write' scope");
    assertProblem(post("/api/v1/diagnostics/run", acme, new JsonObject()), 403, "'admin' scope");
    String writer = tokens.of("acme", "write");
    assertProblem(
        get("/api/v1/conversations/" + acmeId + "/turns/" + UUID.randomUUID(), writer),
        403,
        "'read' scope");

    String second = create(acme, "acme second");
    String limited = tokens.limitedTo("acme", List.of(acmeId));
    assertThat(get("/api/v1/conversations/" + acmeId, limited).statusCode()).isEqualTo(200);
    assertProblem(get("/api/v1/conversations/" + second, limited), 404, "not found");
    assertProblem(get("/api/v1/conversations/" + second + "/keyterms", limited), 404, "not found");
    assertProblem(
        put("/api/v1/conversations/" + second + "/keyterms", limited, keyterms("Acme")),
        404,
        "not found");
    assertThat(
            put("/api/v1/conversations/" + acmeId + "/keyterms", limited, keyterms("Acme"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            get("/api/v1/conversations?limit=500", limited)
                .bodyAsJsonObject()
                .getJsonArray("items")
                .size())
        .isEqualTo(1);
    assertProblem(
        post("/api/v1/conversations", limited, new JsonObject().put("name", "x")),
        403,
        "named conversations");
  }

  @Test
  void turnsOverTheTenantsRateAre429WithRetryAfter() {
    String token = tokens.of("ratelimited", "read write");
    String id = create(token, "busy");
    int accepted = 0;
    HttpResponse<Buffer> refused = null;
    for (int i = 0; i < 40 && refused == null; i++) {
      HttpResponse<Buffer> r =
          post(
              "/api/v1/conversations/" + id + "/turns/realtime",
              token,
              new JsonObject().put("speaker", "AI").put("raw_text", "Turn " + i + "."));
      if (r.statusCode() == 202) {
        accepted++;
      } else {
        refused = r;
      }
    }
    assertThat(accepted).isGreaterThanOrEqualTo(20);
    assertThat(refused).isNotNull();
    assertProblem(refused, 429, "rate limit");
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();
    // another tenant is not affected
    assertThat(
            post(
                    "/api/v1/conversations/" + acmeId + "/turns/realtime",
                    acme,
                    new JsonObject().put("speaker", "AI").put("raw_text", "Hello."))
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void headersAndCors() {
    HttpResponse<Buffer> r = get("/api/v1/conversations/" + acmeId, acme);
    assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.getHeader("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(r.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(get("/docs", null).getHeader("Content-Security-Policy")).contains("'sha256-");
    HttpResponse<Buffer> preflight =
        http.request(io.vertx.core.http.HttpMethod.OPTIONS, "/api/v1/conversations")
            .putHeader("Origin", "https://app.example")
            .putHeader("Access-Control-Request-Method", "POST")
            .putHeader("Access-Control-Request-Headers", "authorization,content-type")
            .send()
            .await();
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
    HttpResponse<Buffer> putPreflight =
        http.request(
                io.vertx.core.http.HttpMethod.OPTIONS,
                "/api/v1/conversations/" + acmeId + "/keyterms")
            .putHeader("Origin", "https://app.example")
            .putHeader("Access-Control-Request-Method", "PUT")
            .send()
            .await();
    assertThat(putPreflight.getHeader("Access-Control-Allow-Methods")).contains("PUT");
    HttpResponse<Buffer> evil =
        http.request(io.vertx.core.http.HttpMethod.OPTIONS, "/api/v1/conversations")
            .putHeader("Origin", "https://evil.example")
            .putHeader("Access-Control-Request-Method", "POST")
            .send()
            .await();
    assertThat(evil.getHeader("Access-Control-Allow-Origin")).isNull();
  }

  /** The same route, spelled every way the router normalises to it. */
  static List<String> spellings(String route) {
    int last = route.lastIndexOf('/');
    String head = route.substring(0, last);
    String tail = route.substring(last + 1);
    String base = "/api/v1";
    return List.of(
        base + route,
        base + route + "/",
        base + head + "//" + tail,
        base + head + "/./" + tail,
        base + head + "/x/../" + tail,
        base + head + "/" + percent(tail.charAt(0)) + tail.substring(1),
        base + "/" + percent(route.charAt(1)) + route.substring(2));
  }

  private static String percent(char c) {
    return String.format("%%%02x", (int) c);
  }

  @Test
  void adminRoutesNeedTheAdminScopeHoweverThePathIsSpelled() {
    String reader = tokens.of("acme", "read");
    String admin = tokens.of("acme", "read write admin");
    Map<String, io.vertx.core.http.HttpMethod> adminRoutes =
        Map.of(
            "/conversations/queue/start", io.vertx.core.http.HttpMethod.POST,
            "/conversations/queue/stop", io.vertx.core.http.HttpMethod.POST,
            "/diagnostics/run", io.vertx.core.http.HttpMethod.POST,
            "/diagnostics/last", io.vertx.core.http.HttpMethod.GET);
    List<String> served = new ArrayList<>();
    adminRoutes.forEach(
        (route, method) -> {
          for (String path : spellings(route)) {
            for (String token : List.of(acme, reader)) {
              HttpResponse<Buffer> r =
                  http.request(method, path)
                      .putHeader("Authorization", "Bearer " + token)
                      .putHeader("Content-Type", "application/json")
                      .sendBuffer(Buffer.buffer("{}"))
                      .await();
              if (r.statusCode() != 403 || !r.bodyAsString().contains("'admin' scope")) {
                served.add(method + " " + path + " -> " + r.statusCode());
              }
            }
          }
        });
    assertThat(served).as("admin routes answered without the admin scope").isEmpty();
    // the odd spellings do reach the route: with the admin scope they are served
    for (String path : spellings("/diagnostics/last")) {
      assertThat(get(path, admin).statusCode()).as(path).isEqualTo(200);
    }
  }

  // ---- WebSocket

  private int upgradeStatus(Vertx vertx, String uri, String headerToken) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocketConnectOptions options =
          new WebSocketConnectOptions().setPort(app.port()).setHost("127.0.0.1").setURI(uri);
      if (headerToken != null) {
        options.addHeader("Authorization", "Bearer " + headerToken);
      }
      WebSocket ws = client.connect(options).await();
      ws.close().await();
      return 101;
    } catch (UpgradeRejectedException e) {
      return e.getStatus();
    } finally {
      client.close().await();
    }
  }

  @Test
  void webSocketChecksTokenAndTenant(Vertx vertx) {
    String uri = "/ws/conversations/" + acmeId;
    assertThat(upgradeStatus(vertx, uri, null)).isEqualTo(401);
    assertThat(upgradeStatus(vertx, uri, tokens.expired("acme"))).isEqualTo(401);
    assertThat(upgradeStatus(vertx, uri, tokens.forged("acme"))).isEqualTo(401);
    assertThat(upgradeStatus(vertx, uri + "?access_token=" + tokens.forged("acme"), null))
        .isEqualTo(401);
    assertThat(upgradeStatus(vertx, "/ws/conversations/" + globexId, acme)).isEqualTo(404);
    assertThat(upgradeStatus(vertx, uri, acme)).isEqualTo(101);
    assertThat(upgradeStatus(vertx, uri + "?access_token=" + acme, null)).isEqualTo(101);
    assertThat(upgradeStatus(vertx, uri, tokens.limitedTo("acme", List.of(globexId))))
        .isEqualTo(404);
  }

  /** The answer to a WebSocket upgrade request that is refused before the upgrade. */
  private HttpResponse<Buffer> refusedUpgrade(String uri, String token, String origin) {
    var request =
        http.get(uri)
            .putHeader("Connection", "Upgrade")
            .putHeader("Upgrade", "websocket")
            .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
            .putHeader("Sec-WebSocket-Version", "13");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    if (origin != null) {
      request.putHeader("Origin", origin);
    }
    return request.send().await();
  }

  /** The problem document REST answers with: type, title, status, detail, instance. */
  private static void assertUpgradeProblem(
      HttpResponse<Buffer> r, int status, String title, String uri, String detailContains) {
    assertProblem(r, status, detailContains);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("type"))
        .isEqualTo("https://cleanercontext.dev/problems/" + title.toLowerCase().replace(' ', '-'));
    assertThat(body.getString("title")).isEqualTo(title);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("instance")).isEqualTo(uri.replaceAll("\\?.*", ""));
  }

  @Test
  void webSocketRefusalsAreTheSameProblemsAsRest() {
    String uri = "/ws/conversations/" + acmeId;
    assertUpgradeProblem(
        refusedUpgrade(uri, null, null), 401, "Unauthorized", uri, "bearer token is required");
    assertUpgradeProblem(
        refusedUpgrade(uri, tokens.forged("acme"), null),
        401,
        "Unauthorized",
        uri,
        "invalid token");
    String other = "/ws/conversations/" + globexId;
    assertUpgradeProblem(refusedUpgrade(other, acme, null), 404, "Not Found", other, "not found");
    String unknown = "/ws/conversations/" + java.util.UUID.randomUUID();
    assertUpgradeProblem(
        refusedUpgrade(unknown, acme, null), 404, "Not Found", unknown, "not found");
    assertUpgradeProblem(
        refusedUpgrade(uri, acme, "https://evil.example"),
        403,
        "Forbidden",
        uri,
        "origin not allowed");
    String badSince = uri + "?since=-3";
    assertUpgradeProblem(
        refusedUpgrade(badSince, acme, null), 400, "Bad Request", badSince, "non-negative");
    // and REST says the same about the same conversation
    HttpResponse<Buffer> rest = get("/api/v1/conversations/" + globexId, acme);
    assertThat(rest.bodyAsJsonObject().fieldNames())
        .containsAll(refusedUpgrade(other, acme, null).bodyAsJsonObject().fieldNames());
  }

  // ---- SockJS bridge

  private List<JsonObject> sockJs(Vertx vertx, String uri, List<JsonObject> frames) {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = client.connect(app.port(), "127.0.0.1", uri).await();
    try {
      ws.handler(buffer -> received.add(buffer.toJsonObject()));
      for (JsonObject frame : frames) {
        ws.writeTextMessage(frame.encode()).await();
      }
      Subscription.sleep(300);
      ws.close().await();
    } catch (RuntimeException e) {
      // the server refused the socket (closed it) before we were done: nothing more to read
    }
    client.close().await();
    return received;
  }

  private static JsonObject register(String address, String token) {
    JsonObject frame = new JsonObject().put("type", "register").put("address", address);
    if (token != null) {
      frame.put("headers", new JsonObject().put("authorization", "Bearer " + token));
    }
    return frame;
  }

  @Test
  void sockJsBridgeChecksTokenAndTenant(Vertx vertx) {
    String own = "conversation." + acmeId + ".turns";
    String other = "conversation." + globexId + ".turns";
    assertThat(sockJs(vertx, "/eventbus/websocket", List.of(register(own, null))))
        .anyMatch(f -> f.getInteger("status", 0) == 401);
    assertThat(sockJs(vertx, "/eventbus/websocket", List.of(register(own, tokens.expired("acme")))))
        .anyMatch(
            f -> f.getInteger("status", 0) == 401 && f.getString("message").contains("expired"));
    assertThat(sockJs(vertx, "/eventbus/websocket", List.of(register(own, tokens.forged("acme")))))
        .anyMatch(f -> f.getInteger("status", 0) == 401);
    assertThat(sockJs(vertx, "/eventbus/websocket", List.of(register(other, acme))))
        .anyMatch(f -> f.getInteger("status", 0) == 404);
    // a forged token at connect time refuses the socket itself
    assertThat(
            sockJs(
                vertx,
                "/eventbus/websocket?access_token=" + tokens.forged("acme"),
                List.of(register(own, null))))
        .noneMatch(f -> "rec".equals(f.getString("type")));

    // the owner's token (given at connect time) receives its conversation's events
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws =
        client
            .connect(app.port(), "127.0.0.1", "/eventbus/websocket?access_token=" + globex)
            .await();
    ws.handler(buffer -> received.add(buffer.toJsonObject()));
    ws.writeTextMessage(register("conversation." + globexId + ".turns", null).encode()).await();
    Subscription.sleep(300);
    assertThat(
            post(
                    "/api/v1/conversations/" + globexId + "/turns/realtime",
                    globex,
                    new JsonObject().put("speaker", "AI").put("raw_text", "Welcome to Globex."))
                .statusCode())
        .isEqualTo(202);
    awaitUntil(received, f -> "rec".equals(f.getString("type")));
    ws.close().await();
    client.close().await();
  }

  /** Waits for the socket to close (bounded); its close code and reason, or null if still open. */
  private static String awaitClose(WebSocket ws, long seconds) {
    java.util.concurrent.CompletableFuture<String> closed =
        new java.util.concurrent.CompletableFuture<>();
    try {
      ws.closeHandler(v -> closed.complete(ws.closeStatusCode() + " " + ws.closeReason()));
    } catch (IllegalStateException alreadyClosed) {
      return ws.closeStatusCode()
          + " "
          + ws.closeReason(); // the server closed it before we could listen
    }
    if (ws.isClosed()) {
      return ws.closeStatusCode() + " " + ws.closeReason();
    }
    try {
      return closed.get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void aSockJsSocketWithABadTokenIsClosedWithAReason(Vertx vertx) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocket ws =
          client
              .connect(
                  app.port(),
                  "127.0.0.1",
                  "/eventbus/websocket?access_token=" + tokens.forged("acme"))
              .await();
      String close = awaitClose(ws, 10);
      assertThat(close).as("close code and reason").startsWith("4401").contains("invalid token");
    } finally {
      client.close().await();
    }
  }

  @Test
  void moreTurnsThanTheBurstIs413NotARetryThatCanNeverPass() {
    String token = tokens.of("bigimport", "read write");
    String id = create(token, "import");
    StringBuilder transcript = new StringBuilder();
    for (int i = 0; i < 21; i++) { // the burst is 20
      transcript.append(i % 2 == 0 ? "AI: " : "User: ").append("Turn ").append(i).append(".\n");
    }
    HttpResponse<Buffer> r =
        post(
            "/api/v1/conversations/parse-transcript",
            token,
            new JsonObject().put("transcript", transcript.toString()).put("conversation_id", id));
    assertProblem(r, 413, "at most 20");
    assertThat(r.getHeader("Retry-After")).isNull();
  }

  @Test
  void subscriptionsCloseWhenTheirTokenExpires(Vertx vertx) {
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      WebSocket ws =
          client
              .connect(
                  new WebSocketConnectOptions()
                      .setPort(app.port())
                      .setHost("127.0.0.1")
                      .setURI(
                          "/ws/conversations/"
                              + acmeId
                              + "?access_token="
                              + tokens.expiringIn("acme", 2)))
              .await();
      assertThat(awaitClose(ws, 12))
          .as("WebSocket closed when its token expired")
          .startsWith("4001")
          .contains("expired");

      WebSocket sockJs = client.connect(app.port(), "127.0.0.1", "/eventbus/websocket").await();
      List<JsonObject> frames = new CopyOnWriteArrayList<>();
      sockJs.handler(buffer -> frames.add(buffer.toJsonObject()));
      sockJs
          .writeTextMessage(
              register("conversation." + acmeId + ".turns", tokens.expiringIn("acme", 2)).encode())
          .await();
      assertThat(awaitClose(sockJs, 12))
          .as("SockJS socket closed when its token expired")
          .startsWith("4001")
          .contains("expired");
      assertThat(frames).noneMatch(f -> "err".equals(f.getString("type")));
    } finally {
      client.close().await();
    }
  }

  private static void awaitUntil(List<JsonObject> frames, Predicate<JsonObject> match) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (frames.stream().noneMatch(match) && System.nanoTime() < deadline) {
      Subscription.sleep(20);
    }
    assertThat(frames).anyMatch(match);
  }

  // ---- TCP bridge

  private static JsonObject submit(String conversationId, String token, String reply) {
    JsonObject frame =
        new JsonObject()
            .put("type", "send")
            .put("address", "bridge.turns.submit")
            .put("replyAddress", reply)
            .put(
                "body",
                new JsonObject()
                    .put("conversation_id", conversationId)
                    .put("speaker", "User")
                    .put("raw_text", "um hello"));
    if (token != null) {
      frame.put(
          "headers",
          new JsonObject().put("authorization", "Bearer " + token).put("cc-tenant", "globex"));
    }
    return frame;
  }

  @Test
  void tcpBridgeChecksTheTokenOfEveryFrame() throws IOException {
    String own = "conversation." + acmeId + ".turns";
    try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
      peer.send(register(own, null));
      assertThat(peer.readUntil(f -> f.containsKey("status")).getInteger("status")).isEqualTo(401);
      peer.send(register(own, tokens.expired("acme")));
      assertThat(peer.readUntil(f -> f.containsKey("status")).getString("message"))
          .contains("expired");
      peer.send(register(own, tokens.forged("acme")));
      assertThat(peer.readUntil(f -> f.containsKey("status")).getInteger("status")).isEqualTo(401);
      peer.send(register("conversation." + globexId + ".turns", acme));
      assertThat(peer.readUntil(f -> f.containsKey("status")).getInteger("status")).isEqualTo(404);
      peer.send(submit(acmeId, null, "r0"));
      assertThat(peer.readUntil(f -> f.containsKey("status")).getInteger("status")).isEqualTo(401);
      // a turn into another tenant's conversation: not found (a client-set cc-tenant header is
      // ignored)
      peer.send(submit(globexId, acme, "r1"));
      JsonObject refused =
          peer.readUntil(
              f -> "err".equals(f.getString("type")) && "r1".equals(f.getString("address")));
      assertThat(refused.getString("message")).contains("not found");

      peer.send(register(own, acme));
      Subscription.sleep(200);
      peer.send(submit(acmeId, acme, "r2"));
      JsonObject accepted =
          peer.readUntil(
              f -> "r2".equals(f.getString("address")) && !"err".equals(f.getString("type")));
      assertThat(accepted.getJsonObject("body").getLong("seq")).isPositive();
      JsonObject event = peer.readUntil(f -> own.equals(f.getString("address")));
      assertThat(event.getJsonObject("body").getJsonObject("turn").getString("cleaned_text"))
          .isEqualTo("hello");
    }
  }

  /** What the server sends on a raw connection for {@code request}, within about a second. */
  private String rawAnswer(String request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(200);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder text = new StringBuilder();
      long deadline = System.currentTimeMillis() + 1_500;
      while (System.currentTimeMillis() < deadline) {
        try {
          int b = socket.getInputStream().read();
          if (b < 0) {
            break;
          }
          text.append((char) b);
        } catch (java.net.SocketTimeoutException e) {
          // keep reading until the deadline
        } catch (java.net.SocketException e) {
          break;
        }
      }
      return text.toString();
    }
  }

  /**
   * DNS rebinding: a page of evil.example whose name resolves to this server sends matching Origin
   * and Host. Same-origin is judged from Host only for an IP address or localhost.
   */
  @Test
  void sameOriginIsNotJudgedFromAHostNameAlone() throws IOException {
    String upgrade =
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
            + acme
            + "\r\n\r\n";
    String path = "/ws/conversations/" + acmeId;
    assertThat(
            rawAnswer(
                "GET "
                    + path
                    + " HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\n"
                    + upgrade))
        .startsWith("HTTP/1.1 403")
        .contains("origin not allowed");
    assertThat(
            rawAnswer(
                "GET /eventbus/websocket HTTP/1.1\r\nHost: evil.example:80\r\n"
                    + "Origin: http://evil.example:80\r\n"
                    + upgrade))
        .contains("origin not allowed");
    String own = "127.0.0.1:" + app.port();
    assertThat(
            rawAnswer(
                "GET "
                    + path
                    + " HTTP/1.1\r\nHost: "
                    + own
                    + "\r\nOrigin: http://"
                    + own
                    + "\r\n"
                    + upgrade))
        .as("the server's own origin by address")
        .startsWith("HTTP/1.1 101");
  }

  /**
   * An address shaped like a conversation's (36 zeros match the bridge permissions' pattern) that
   * names no conversation is refused on both bridges, never registered without the ownership check.
   */
  @Test
  void aNonCanonicalConversationAddressIsRefusedOnBothBridges(Vertx vertx) throws IOException {
    for (String id : List.of("0".repeat(36), acmeId.toUpperCase(), "-".repeat(36))) {
      String address = "conversation." + id + ".turns";
      assertThat(sockJs(vertx, "/eventbus/websocket", List.of(register(address, acme))))
          .as("SockJS " + address)
          .anyMatch(
              f -> f.getInteger("status", 0) == 400 || "access_denied".equals(f.getString("body")))
          .noneMatch(f -> "rec".equals(f.getString("type")));
      try (TcpBridgePeer peer = new TcpBridgePeer(bridgePort)) {
        peer.send(register(address, acme));
        JsonObject refused = peer.readUntil(f -> f.containsKey("status"));
        assertThat(refused.getInteger("status")).as("TCP " + address).isIn(400, 403);
      }
    }
  }
}
