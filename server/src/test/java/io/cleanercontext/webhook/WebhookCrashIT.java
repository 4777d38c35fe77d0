package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.support.WebhookReceiver;
import io.cleanercontext.support.WebhookReceiver.Answer;
import io.cleanercontext.support.WebhookReceiver.Received;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real server process killed with SIGKILL while turns are being accepted and their webhooks sent,
 * then restarted on the same database: every accepted turn's event reaches the receiver at least
 * once, no event of a conversation arrives before every earlier one of it has, and every message is
 * signed with the endpoint's secret.
 */
@Timeout(300)
class WebhookCrashIT {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The embedded profile with webhooks to loopback allowed and short leases. */
  private static Path configDir() throws IOException {
    Path source = Path.of(System.getProperty("cc.config.dir", "../config"));
    Path target = Files.createTempDirectory("cc-webhook-config");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path profile = target.resolve("embedded.json");
    JsonObject json = new JsonObject(Files.readString(profile));
    json.put(
        "webhooks",
        new JsonObject()
            .put("allow_private_destinations", true)
            .put("poll_interval_ms", 20)
            .put("request_timeout_ms", 1_000)
            .put("lease_ms", 2_000)
            .put("retry_base_ms", 200)
            .put("retry_max_delay_ms", 1_000));
    Files.writeString(profile, json.encodePrettily());
    return target;
  }

  private Process startServer(String databaseUrl, int port, Path config, Path log)
      throws IOException {
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
    env.put("CC_CONFIG_DIR", config.toString());
    env.remove("CC_AUTH");
    env.remove("CC_HTTP_HOST");
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        if (send(port, "GET", "/health", null).statusCode() == 200) {
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

  private HttpResponse<String> send(int port, String method, String path, JsonObject body)
      throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.encode()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void killedMidRunEveryEventArrivesAtLeastOnceInOrderPerConversation() throws Exception {
    Vertx vertx = Vertx.vertx();
    WebhookReceiver receiver = new WebhookReceiver(vertx).start().await();
    // A little slower than the server, so deliveries are in flight when it dies.
    receiver.answer("/crash", new Answer(200, 3));
    String databaseUrl = TestDatabase.freshDatabaseUrl();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = configDir();
    Path log = Files.createTempFile("cc-webhook-crash", ".log");
    Process server = startServer(databaseUrl, port, config, log);
    Process again = null;
    try {
      HttpResponse<String> created =
          send(
              port,
              "POST",
              "/api/v1/webhooks/endpoints",
              new JsonObject().put("url", receiver.url("/crash")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String secret = new JsonObject(created.body()).getString("secret");
      List<String> conversations = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        conversations.add(
            new JsonObject(
                    send(
                            port,
                            "POST",
                            "/api/v1/conversations",
                            new JsonObject().put("name", "crash " + i))
                        .body())
                .getString("id"));
      }
      // conversation -> seqs accepted
      Map<String, Set<Long>> accepted = new HashMap<>();
      int posted = 0;
      for (int i = 0; i < 400; i++) {
        if (i == 300) {
          server.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
          assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
          assertThat(receiver.at("/crash")).as("events sent before the kill").isNotEmpty();
          again = startServer(databaseUrl, port, config, log);
        }
        String conversation = conversations.get(i % conversations.size());
        HttpResponse<String> r =
            send(
                port,
                "POST",
                "/api/v1/conversations/" + conversation + "/turns/realtime",
                new JsonObject()
                    .put("speaker", i % 2 == 0 ? "User" : "AI")
                    .put("raw_text", "um turn number " + i + " is here"));
        if (r.statusCode() == 202) {
          accepted
              .computeIfAbsent(conversation, k -> new HashSet<>())
              .add(new JsonObject(r.body()).getLong("seq"));
          posted++;
        }
      }
      assertThat(posted).isGreaterThan(350);
      int expected = posted;
      List<Received> got =
          receiver.await(
              "/crash",
              list ->
                  list.stream()
                          .map(
                              x ->
                                  x.json().getJsonObject("data").getString("conversation_id")
                                      + "/"
                                      + x.json().getJsonObject("data").getLong("seq"))
                          .distinct()
                          .count()
                      >= expected,
              120_000);

      Map<String, Set<Long>> seen = new HashMap<>();
      for (Received r : got) {
        assertThat(WebhookReceiver.verifies(secret, r)).isTrue();
        JsonObject data = r.json().getJsonObject("data");
        String conversation = data.getString("conversation_id");
        long seq = data.getLong("seq");
        Set<Long> before = seen.computeIfAbsent(conversation, k -> new HashSet<>());
        for (long earlier = 1; earlier < seq; earlier++) {
          assertThat(before)
              .as("seq " + earlier + " of " + conversation + " arrived before seq " + seq)
              .contains(earlier);
        }
        before.add(seq);
      }
      for (Map.Entry<String, Set<Long>> entry : accepted.entrySet()) {
        assertThat(seen.get(entry.getKey())).containsAll(entry.getValue());
      }
      // Each attempt is recorded just after its answer: wait for the last records.
      Object undelivered = -1L;
      for (int i = 0; i < 100 && !Long.valueOf(0).equals(undelivered); i++) {
        undelivered =
            TestDatabase.query(
                    databaseUrl,
                    "SELECT count(*) FROM webhook_deliveries WHERE state <> 'delivered'")
                .get(0)
                .get(0);
        sleep(100);
      }
      assertThat(undelivered).as("deliveries not delivered").isEqualTo(0L);
    } finally {
      for (Process p : new Process[] {server, again}) {
        if (p != null && p.isAlive()) {
          p.destroy();
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        }
      }
      receiver.stop().await();
      vertx.close().await();
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
