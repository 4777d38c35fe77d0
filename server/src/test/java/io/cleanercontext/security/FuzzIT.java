package io.cleanercontext.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.TcpBridgePeer;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of hostile inputs (seeded, so a failure reproduces with the same seed): malformed JSON,
 * huge strings, invalid UTF-8, control characters, hostile speaker labels, wrong types, at the REST
 * API and the TCP bridge. Every answer must be a 4xx with a clear message, the server must stay
 * healthy, and the turns accepted before must be exactly as they were.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class FuzzIT {
  private static final long SEED = Long.getLong("cc.fuzz.seed", 20240611L);
  private static final int HTTP_CASES = 2500;
  private static final int BRIDGE_CASES = 500;
  private static final String[] HOSTILE_SPEAKERS = {
    "<script>alert(1)</script>",
    "User\u0000",
    "'; DROP TABLE turns;--",
    "\u202eresU",
    "../../etc/passwd",
    "User\nAI",
    "${jndi:ldap://x/a}",
    "%00",
    "Usér",
    "AI\u0007",
    "ＵＳＥＲ",
    "null",
    "undefined",
    "Robot",
    "\uD800",
    "🤖"
  };

  private TestApp app;
  private WebClient http;
  private String conversationId;
  private int bridgePort;

  @BeforeAll
  void start(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    bridgePort = TestApp.withTcpBridge(config);
    app = TestApp.start(vertx, config).await();
    http = app.client();
    Api api = new Api(http);
    conversationId = api.createConversation("fuzz target");
    for (String text :
        List.of(
            "AI: Thanks for calling Quick Fit Windows.",
            "User: um we we need new windows",
            "AI: How many windows?",
            "User: <noise> about twelve")) {
      String[] parts = text.split(": ", 2);
      assertThat(api.realtime(conversationId, parts[0], parts[1]).await().statusCode())
          .isEqualTo(202);
    }
    api.awaitSettled(conversationId, 4, 30);
  }

  @AfterAll
  void stop() {
    app.stop().await();
  }

  private List<List<Object>> storedTurns() {
    return TestDatabase.query(
        app.databaseUrl(),
        "SELECT t.id, t.conversation_id, t.seq, t.speaker, t.raw_text, t.status, t.cleaned_text, t.attempts FROM turns t ORDER BY t.id");
  }

  private List<List<Object>> storedConversations() {
    return TestDatabase.query(
        app.databaseUrl(), "SELECT id, tenant, name, last_seq FROM conversations ORDER BY id");
  }

  /** One hostile request: path, content type, body bytes. */
  private record Case(String kind, String path, String contentType, byte[] body) {}

  private Case nextCase(Random random) {
    String turns =
        "/api/v1/conversations/"
            + conversationId
            + "/turns"
            + (random.nextBoolean() ? "/realtime" : "");
    String[] paths = {
      turns, turns, "/api/v1/conversations", "/api/v1/conversations/parse-transcript"
    };
    String path = paths[random.nextInt(paths.length)];
    JsonObject valid =
        path.endsWith("parse-transcript")
            ? new JsonObject()
                .put("transcript", "User: hello")
                .put("conversation_id", conversationId)
            : path.endsWith("/conversations")
                ? new JsonObject().put("name", "x")
                : new JsonObject().put("speaker", "User").put("raw_text", "hello");
    String textField =
        path.endsWith("parse-transcript")
            ? "transcript"
            : path.endsWith("/conversations") ? "name" : "raw_text";
    switch (random.nextInt(10)) {
      case 9 -> {
        // NUL or a lone surrogate, as a JSON escape, in any string field (metadata keys and values
        // included)
        String[] bad = {"\\u0000", "\\ud800", "\\udfff", "x\\ud83d", "\\ude00y"};
        String b = bad[random.nextInt(bad.length)];
        String[] bodies =
            path.endsWith("parse-transcript")
                ? new String[] {
                  "{\"transcript\":\"User: a" + b + "\"}",
                  "{\"transcript\":\"User: a\",\"cleaning_level\":\"" + b + "\"}"
                }
                : path.endsWith("/conversations")
                    ? new String[] {
                      "{\"name\":\"n" + b + "\"}",
                      "{\"name\":\"n\",\"metadata\":{\"k\":\"" + b + "\"}}",
                      "{\"name\":\"n\",\"metadata\":{\"" + b + "\":1}}",
                      "{\"name\":\"n\",\"metadata\":{\"k\":[\"" + b + "\"]}}"
                    }
                    : new String[] {
                      "{\"speaker\":\"User\",\"raw_text\":\"a" + b + "\"}",
                      "{\"speaker\":\"" + b + "\",\"raw_text\":\"a\"}",
                      "{\"speaker\":\"User\",\"raw_text\":\"a\",\"cleaning_level\":\"" + b + "\"}"
                    };
        return new Case(
            "NUL or lone surrogate",
            path,
            "application/json",
            bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8));
      }
      case 0 -> {
        String json = valid.encode();
        return new Case(
            "truncated json",
            path,
            "application/json",
            json.substring(0, 1 + random.nextInt(json.length() - 1))
                .getBytes(StandardCharsets.UTF_8));
      }
      case 1 -> {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        bytes[0] = (byte) ('!' + random.nextInt(20)); // never a valid JSON start, never '{'
        return new Case("random bytes", path, "application/json", bytes);
      }
      case 2 -> {
        int length = 262_145 + random.nextInt(400_000); // over the body limit (max_body_bytes)
        String huge = "a".repeat(length);
        return new Case(
            "huge string",
            path,
            "application/json",
            valid.copy().put(textField, huge).encode().getBytes(StandardCharsets.UTF_8));
      }
      case 3 -> {
        // invalid UTF-8 inside the text: lone continuation bytes, overlong forms, truncated
        // sequences
        byte[][] bad = {
          {(byte) 0x80},
          {(byte) 0xC0, (byte) 0xAF},
          {(byte) 0xE2, (byte) 0x82},
          {(byte) 0xFF},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        String json = valid.copy().put(textField, "BAD").encode();
        int at = json.indexOf("BAD");
        Buffer body =
            Buffer.buffer()
                .appendString(json.substring(0, at))
                .appendBytes(bad[random.nextInt(bad.length)])
                .appendString(json.substring(at + 3));
        return new Case("invalid utf-8", path, "application/json", body.getBytes());
      }
      case 4 -> {
        char control = (char) new int[] {0, 1, 7, 8, 11, 12, 27, 31, 127}[random.nextInt(9)];
        String text = "hello" + control + "world";
        return new Case(
            "control character",
            path,
            "application/json",
            valid.copy().put(textField, text).encode().getBytes(StandardCharsets.UTF_8));
      }
      case 5 -> {
        String speaker = HOSTILE_SPEAKERS[random.nextInt(HOSTILE_SPEAKERS.length)];
        if (random.nextInt(4) == 0) {
          speaker = "x".repeat(1000 + random.nextInt(100_000));
        }
        String target = turns;
        return new Case(
            "hostile speaker",
            target,
            "application/json",
            new JsonObject()
                .put("speaker", speaker)
                .put("raw_text", "hello")
                .encode()
                .getBytes(StandardCharsets.UTF_8));
      }
      case 6 -> {
        Object[] wrong = {
          42, true, new JsonObject(), new io.vertx.core.json.JsonArray().add(1), 1.5, ""
        };
        return new Case(
            "wrong type",
            path,
            "application/json",
            valid
                .copy()
                .put(textField, wrong[random.nextInt(wrong.length)])
                .encode()
                .getBytes(StandardCharsets.UTF_8));
      }
      case 7 -> {
        String[] types = {
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml"
        };
        return new Case(
            "wrong content type",
            path,
            types[random.nextInt(types.length)],
            valid.encode().getBytes(StandardCharsets.UTF_8));
      }
      default -> {
        String[] notObjects = {
          "[]",
          "null",
          "\"text\"",
          "123",
          "[{\"speaker\":\"User\"}]",
          "{\"speaker\":\"User\",\"raw_text\":\"x\"} trailing",
          "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"
        };
        return new Case(
            "not an object",
            path,
            "application/json",
            notObjects[random.nextInt(notObjects.length)].getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void hostileInputIsRefusedClearlyAndChangesNothing() throws IOException {
    List<List<Object>> turnsBefore = storedTurns();
    List<List<Object>> conversationsBefore = storedConversations();
    Random random = new Random(SEED);

    List<String> problems = new ArrayList<>();
    for (int batch = 0; batch < HTTP_CASES; batch += 25) {
      List<Case> cases = new ArrayList<>();
      List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
      for (int i = batch; i < Math.min(HTTP_CASES, batch + 25); i++) {
        Case c = nextCase(random);
        cases.add(c);
        answers.add(
            http.post(c.path())
                .putHeader("Content-Type", c.contentType())
                .sendBuffer(Buffer.buffer(c.body())));
      }
      Future.join(answers).await();
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        Future<HttpResponse<Buffer>> answer = answers.get(i);
        String problem = checkHttp(answer);
        if (problem != null) {
          problems.add(
              "seed "
                  + SEED
                  + " case "
                  + (batch + i)
                  + " ("
                  + c.kind()
                  + " "
                  + c.path()
                  + "): "
                  + problem);
        }
      }
    }
    assertThat(problems).as("HTTP answers that are not a clear 4xx").isEmpty();

    // every admin route in every spelling the router normalises: never a 5xx (auth is off here, so
    // served)
    for (String route : List.of("/conversations/queue/start", "/diagnostics/last")) {
      for (String path : SecurityIT.spellings(route)) {
        io.vertx.core.http.HttpMethod method =
            route.endsWith("start")
                ? io.vertx.core.http.HttpMethod.POST
                : io.vertx.core.http.HttpMethod.GET;
        int status =
            http.request(method, path)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{}"))
                .await()
                .statusCode();
        if (status >= 500) {
          problems.add(method + " " + path + ": " + status);
        }
      }
    }
    assertThat(problems).as("admin routes answered 5xx").isEmpty();

    problems.addAll(fuzzTcpBridge(new Random(SEED + 1)));
    assertThat(problems).as("TCP bridge answers that are not a clear 4xx").isEmpty();

    assertThat(http.get("/health").send().await().statusCode()).isEqualTo(200);
    assertThat(storedTurns()).isEqualTo(turnsBefore);
    assertThat(storedConversations()).isEqualTo(conversationsBefore);
  }

  private static String checkHttp(Future<HttpResponse<Buffer>> answer) {
    if (answer.failed()) {
      return "no answer: " + answer.cause();
    }
    HttpResponse<Buffer> r = answer.result();
    if (r.statusCode() < 400 || r.statusCode() >= 500) {
      return "status " + r.statusCode() + ": " + abbreviate(r.bodyAsString());
    }
    if (!"application/problem+json".equals(r.getHeader("Content-Type"))) {
      return "content type " + r.getHeader("Content-Type");
    }
    try {
      JsonObject problem = r.bodyAsJsonObject();
      if (problem.getString("detail") == null
          || problem.getString("detail").isBlank()
          || problem.getInteger("status") != r.statusCode()) {
        return "unclear problem " + abbreviate(r.bodyAsString());
      }
    } catch (RuntimeException e) {
      return "body is not JSON: " + abbreviate(r.bodyAsString());
    }
    return null;
  }

  private List<String> fuzzTcpBridge(Random random) throws IOException {
    List<String> problems = new ArrayList<>();
    TcpBridgePeer peer = new TcpBridgePeer(bridgePort);
    try {
      for (int i = 0; i < BRIDGE_CASES; i++) {
        JsonObject body =
            new JsonObject()
                .put("conversation_id", conversationId)
                .put("speaker", "User")
                .put("raw_text", "hello");
        String kind;
        switch (random.nextInt(6)) {
          case 0 -> {
            kind = "hostile speaker";
            body.put("speaker", HOSTILE_SPEAKERS[random.nextInt(HOSTILE_SPEAKERS.length)]);
          }
          case 1 -> {
            kind = "huge text";
            body.put("raw_text", "b".repeat(10_001 + random.nextInt(50_000)));
          }
          case 2 -> {
            kind = "control character";
            body.put("raw_text", "a\u0000b\u001b[31m");
          }
          case 3 -> {
            kind = "bad conversation id";
            body.put("conversation_id", random.nextBoolean() ? "../../x" : 12345);
          }
          case 4 -> {
            kind = "wrong types";
            body.put("raw_text", new JsonObject().put("a", 1)).put("speaker", random.nextInt());
          }
          default -> {
            kind = "unknown conversation";
            body.put("conversation_id", java.util.UUID.randomUUID().toString());
          }
        }
        String reply = "fuzz-" + i;
        peer.send(
            new JsonObject()
                .put("type", "send")
                .put("address", "bridge.turns.submit")
                .put("replyAddress", reply)
                .put("body", body));
        JsonObject answer =
            peer.readUntil(
                f -> reply.equals(f.getString("address")) || "err".equals(f.getString("type")));
        Integer code = answer.getInteger("failureCode");
        int status = code == null ? 0 : ErrorCode.of(code).httpStatus();
        if (!"err".equals(answer.getString("type"))
            || status < 400
            || status >= 500
            || answer.getString("message") == null
            || answer.getString("message").isBlank()) {
          problems.add(
              "seed "
                  + (SEED + 1)
                  + " bridge case "
                  + i
                  + " ("
                  + kind
                  + "): "
                  + abbreviate(answer.encode()));
        }
      }
      // malformed frames of every kind: exactly one err frame each, 4xx, with a reason
      String[] malformed = {
        "{\"type\": ",
        "{\"type\":\"ping\" /* c */}",
        "[1]",
        "\"text\"",
        "{}",
        "{\"type\":\"boom\",\"address\":\"a\"}",
        "{\"type\":7}",
        "{\"type\":\"send\"}",
        "{\"type\":\"register\",\"address\":[]}",
        "{\"type\":\"send\",\"address\":\"bridge.turns.submit\",\"body\":"
            + "[".repeat(1001)
            + "]".repeat(1001)
            + "}",
        "{\"type\":\"send\",\"address\":\"bridge.turns.submit\",\"body\":{\"raw_text\":\"\\u0000\"}}",
        "{\"type\":\"send\",\"address\":\"x\\ud800\"}",
        "{\"type\":\"publish\",\"address\":\"bridge.turns.submit\"}",
        "{\"type\":\"register\",\"address\":\"cleaner.shard.0\"}"
      };
      for (String frame : malformed) {
        peer.sendBytes(frame.getBytes(StandardCharsets.UTF_8));
        peer.send(new JsonObject().put("type", "ping"));
        List<JsonObject> answers = new ArrayList<>();
        for (JsonObject f = peer.read(); !"pong".equals(f.getString("type")); f = peer.read()) {
          answers.add(f);
        }
        if (answers.size() != 1
            || answers.get(0).getInteger("status", 0) < 400
            || answers.get(0).getInteger("status", 0) >= 500
            || answers.get(0).getString("message", "").isBlank()) {
          problems.add("malformed bridge frame " + abbreviate(frame) + ": " + answers);
        }
      }
      // frames that are not JSON at all: the bridge answers or drops the connection, and keeps
      // serving others
      for (int i = 0; i < 20; i++) {
        byte[] garbage = new byte[1 + random.nextInt(200)];
        random.nextBytes(garbage);
        garbage[0] = '#';
        try {
          peer.sendBytes(garbage);
        } catch (SocketException e) {
          peer.close();
          peer = new TcpBridgePeer(bridgePort);
        }
      }
    } finally {
      peer.close();
    }
    try (TcpBridgePeer fresh = new TcpBridgePeer(bridgePort)) {
      fresh.send(new JsonObject().put("type", "ping"));
      assertThat(fresh.read().getString("type")).isEqualTo("pong");
    }
    return problems;
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
