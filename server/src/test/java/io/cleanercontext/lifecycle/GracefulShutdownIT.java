package io.cleanercontext.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM in the middle of a load, against a real server process: every turn answered 202 before
 * the signal ends cleaned exactly once after a restart, WebSockets are closed with 1001, and the
 * process exits on its own.
 */
@Timeout(240)
class GracefulShutdownIT {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Process startServer(String databaseUrl, int port, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.cleanercontext.Main")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("CC_PG_URL", databaseUrl);
    env.put("CC_HTTP_PORT", Integer.toString(port));
    env.put("CC_TCP_BRIDGE_PORT", "-1");
    env.put("CC_SHARDS", "2");
    env.put("CC_CONFIG_DIR", System.getProperty("cc.config.dir", "../config"));
    env.remove("CC_AUTH");
    env.remove("CC_HTTP_HOST");
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        if (get(port, "/health").statusCode() == 200) {
          return process;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new AssertionError("server exited at start-up: " + Files.readString(log));
      }
      sleep(200);
    }
    throw new AssertionError("server not healthy in 90 s: " + Files.readString(log));
  }

  private HttpResponse<String> get(int port, String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private HttpResponse<String> post(int port, String path, JsonObject body) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void sigtermMidLoadLosesNothing() throws Exception {
    String databaseUrl = TestDatabase.freshDatabaseUrl();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("cc-shutdown", ".log");
    Process server = startServer(databaseUrl, port, log);

    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      conversations.add(
          new JsonObject(
                  post(port, "/api/v1/conversations", new JsonObject().put("name", "load " + i))
                      .body())
              .getString("id"));
    }
    CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    WebSocket ws =
        http.newWebSocketBuilder()
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/ws/conversations/" + conversations.get(0)),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onClose(
                      WebSocket socket, int statusCode, String reason) {
                    closeCode.complete(statusCode);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);

    // Post turns until the server stops answering; SIGTERM arrives in the middle (after 1.5 s and
    // at least 30 accepted turns, so a loaded machine still signals a server under load).
    Map<String, String> accepted = new HashMap<>(); // turn id -> conversation id
    boolean signalled = false;
    long started = System.currentTimeMillis();
    int refusedAfterSignal = 0;
    for (int i = 0; i < 5000 && refusedAfterSignal < 5; i++) {
      if (!signalled && System.currentTimeMillis() - started > 1500 && accepted.size() >= 30) {
        server.destroy(); // SIGTERM
        signalled = true;
      }
      String conversation = conversations.get(i % conversations.size());
      try {
        HttpResponse<String> r =
            post(
                port,
                "/api/v1/conversations/" + conversation + "/turns/realtime",
                new JsonObject()
                    .put("speaker", i % 2 == 0 ? "User" : "AI")
                    .put("raw_text", "um turn number " + i + " is here"));
        if (r.statusCode() == 202) {
          accepted.put(new JsonObject(r.body()).getString("turn_id"), conversation);
        } else if (signalled) {
          refusedAfterSignal++;
        }
      } catch (IOException e) {
        if (!signalled) {
          throw e;
        }
        refusedAfterSignal++;
      }
    }
    assertThat(signalled).isTrue();
    assertThat(server.waitFor(90, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
    assertThat(accepted).hasSizeGreaterThan(20);
    assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
    assertThat(Files.readString(log)).contains("Shutting down").contains("Shutdown sequence done");
    ws.abort();

    // Restart: whatever was accepted but not yet cleaned is re-enqueued and cleaned.
    Process again = startServer(databaseUrl, port, log);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      long pending = -1;
      while (System.nanoTime() < deadline) {
        pending =
            (Long)
                TestDatabase.query(
                        databaseUrl, "SELECT count(*) FROM turns WHERE status = 'pending'")
                    .get(0)
                    .get(0);
        if (pending == 0) {
          break;
        }
        sleep(200);
      }
      assertThat(pending).as("pending turns after the restart").isZero();
      Map<String, List<Object>> stored = new HashMap<>();
      for (List<Object> row :
          TestDatabase.query(
              databaseUrl,
              "SELECT id::text, conversation_id::text, status, processed_at IS NOT NULL FROM turns")) {
        assertThat(stored.put((String) row.get(0), row)).as("turn stored once").isNull();
      }
      for (Map.Entry<String, String> turn : accepted.entrySet()) {
        List<Object> row = stored.get(turn.getKey());
        assertThat(row).as("accepted turn " + turn.getKey() + " is stored").isNotNull();
        assertThat(row.get(1)).isEqualTo(turn.getValue());
        assertThat((String) row.get(2)).isIn("cleaned", "skipped");
        assertThat(row.get(3)).isEqualTo(true);
      }
      // seqs of each conversation are 1..n with no gap and no duplicate
      for (List<Object> row :
          TestDatabase.query(
              databaseUrl,
              "SELECT conversation_id, count(*), count(DISTINCT seq), max(seq) FROM turns GROUP BY conversation_id")) {
        assertThat(row.get(1)).isEqualTo(row.get(2)).isEqualTo(row.get(3));
      }
    } finally {
      again.destroy();
      if (!again.waitFor(60, TimeUnit.SECONDS)) {
        again.destroyForcibly();
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
