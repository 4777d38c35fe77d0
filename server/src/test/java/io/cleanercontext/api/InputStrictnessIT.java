package io.cleanercontext.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input that used to be stored lossily, accepted loosely or answered 5xx: each refused with a 4xx
 * naming the problem.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class InputStrictnessIT {
  private TestApp app;
  private WebClient http;
  private String id;

  @BeforeAll
  void start(Vertx vertx) {
    app = TestApp.start(vertx, TestApp.config("memory")).await();
    http = app.client();
    id = new Api(http).createConversation("strict input");
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private HttpResponse<Buffer> post(String path, String contentType, String body) {
    return http.post(path)
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String detailContains) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).contains(detailContains);
  }

  @Test
  void nulAndLoneSurrogatesAreRefusedInEveryStringNotStoredLossily() {
    String json = "application/json";
    assertProblem(
        post("/api/v1/conversations", json, "{\"name\":\"n\",\"metadata\":{\"a\":\"x\\u0000y\"}}"),
        400,
        "U+0000");
    assertProblem(
        post("/api/v1/conversations", json, "{\"name\":\"n\",\"metadata\":{\"a\\u0000\":1}}"),
        400,
        "U+0000");
    assertProblem(
        post("/api/v1/conversations", json, "{\"name\":\"n\",\"metadata\":{\"a\":\"\\ud800\"}}"),
        400,
        "lone surrogate");
    assertProblem(
        post("/api/v1/conversations", json, "{\"name\":\"n\",\"metadata\":{\"a\":[\"\\udc00x\"]}}"),
        400,
        "lone surrogate");
    assertProblem(
        post(
            "/api/v1/conversations/" + id + "/turns/realtime",
            json,
            "{\"speaker\":\"User\",\"raw_text\":\"hi \\ud83d\"}"),
        400,
        "lone surrogate");
    assertThat(
            TestDatabase.query(
                    app.databaseUrl(),
                    "SELECT count(*) FROM conversations WHERE metadata::text LIKE '%?%'")
                .get(0)
                .get(0))
        .isEqualTo(0L);
  }

  @Test
  void jsonIsParsedStrictly() {
    assertProblem(
        post("/api/v1/conversations", "application/json", "{\"name\": \"x\" /* comment */}"),
        400,
        "not valid JSON");
    assertProblem(
        post("/api/v1/conversations", "application/json", "{\"name\": \"x\", \"name\": \"y\"}"),
        400,
        "not valid JSON");
    assertProblem(
        post("/api/v1/conversations", "application/jsonx", "{\"name\": \"x\"}"),
        415,
        "application/json");
    assertProblem(
        post("/api/v1/conversations", "application/json; charset=utf-16", "{\"name\": \"x\"}"),
        415,
        "utf-16");
    assertThat(
            post("/api/v1/conversations", "application/json; charset=UTF-8", "{\"name\": \"x\"}")
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void lengthsAreCountedInCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
    int max = app.effectiveConfig().getJsonObject("api").getInteger("max_text_chars");
    String path = "/api/v1/conversations/" + id + "/turns/realtime";
    assertThat(
            post(
                    path,
                    "application/json",
                    new JsonObject()
                        .put("speaker", "User")
                        .put("raw_text", emoji.repeat(max))
                        .encode())
                .statusCode())
        .isEqualTo(202);
    assertProblem(
        post(
            path,
            "application/json",
            new JsonObject()
                .put("speaker", "User")
                .put("raw_text", emoji.repeat(max + 1))
                .encode()),
        413,
        (max + 1) + " characters");
    assertThat(
            post(
                    "/api/v1/conversations",
                    "application/json",
                    new JsonObject().put("name", emoji.repeat(200)).encode())
                .statusCode())
        .isEqualTo(201);
  }

  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      byte[] head = new byte[512];
      int n = in.read(head);
      return n <= 0 ? "" : new String(head, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void noHostHeaderIs400AndAnUnknownHttpVersion505() throws IOException {
    assertThat(raw("GET /api/v1/conversations HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw("GET /api/v1/conversations HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"))
        .startsWith("HTTP/1.1 505");
  }

  @Test
  void sockJsFallbackTransportsWork(Vertx vertx) {
    WebClient http =
        WebClient.create(
            vertx,
            new io.vertx.ext.web.client.WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(app.port())
                .setKeepAlive(false));
    String session = "/eventbus/000/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<Buffer> open = http.post(session + "/xhr").send().await();
    assertThat(open.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> sent =
        http.post(session + "/xhr_send")
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(
                Buffer.buffer(
                    new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("type", "ping").encode())
                        .encode()))
            .await();
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(204);
    http.close();
  }

  @Test
  void anOversizedWebSocketFrameIsClosed1009(Vertx vertx) throws Exception {
    WebSocketClient client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1_000_000));
    try {
      WebSocket ws = client.connect(app.port(), "127.0.0.1", "/ws/conversations/" + id).await();
      CompletableFuture<Short> code = new CompletableFuture<>();
      ws.closeHandler(v -> code.complete(ws.closeStatusCode()));
      ws.writeFinalTextFrame("x".repeat(70_000));
      assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1009);
    } finally {
      client.close().await();
    }
  }
}
