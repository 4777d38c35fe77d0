package io.cleanercontext.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.Main;
import io.cleanercontext.contract.Addresses;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Metrics move with the traffic, health follows PostgreSQL, alerts fire and clear. */
@ExtendWith(VertxExtension.class)
@Timeout(180)
class ObservabilityIT {

  private static double metric(String prometheus, String name, String labels) {
    String tags =
        labels.isEmpty() ? "(\\{[^}]*\\})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
    Pattern p =
        Pattern.compile(
            "^" + Pattern.quote(name) + tags + " (?<value>[0-9.eE+-]+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(prometheus);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group("value"));
    }
    return sum;
  }

  @Test
  void prometheusMetricsMoveAsTurnsFlow() {
    Vertx vertx = Main.createVertx();
    try {
      TestApp app = TestApp.start(vertx, TestApp.config("memory")).await();
      Api api = new Api(app.client());
      String before = app.client().get("/metrics").send().await().bodyAsString();
      String id = api.createConversation("metrics");
      Subscription tail = Subscription.open(vertx, app.port(), id, null);
      api.post(
          "/api/v1/conversations/" + id + "/turns",
          new JsonObject()
              .put("speaker", "AI")
              .put("raw_text", "##VT_HAPPY## We help teams with Google Ads."));
      api.post(
          "/api/v1/conversations/" + id + "/turns",
          new JsonObject()
              .put("speaker", "User")
              .put("raw_text", "um we spend a lot on google adds"));
      api.realtime(id, "User", "<noise>").await();
      tail.awaitTurns(3, 20);
      String after = app.client().get("/metrics").send().await().bodyAsString();

      assertThat(
              metric(after, "cc_turns_accepted_total", "role=\"user\"")
                  - metric(before, "cc_turns_accepted_total", "role=\"user\""))
          .isEqualTo(2.0);
      assertThat(metric(after, "cc_turns_completed_total", "status=\"skipped\"")).isEqualTo(1.0);
      assertThat(metric(after, "cc_turns_completed_total", "role=\"ai\"")).isEqualTo(1.0);
      assertThat(metric(after, "cc_queue_wait_seconds_count", "")).isGreaterThanOrEqualTo(3.0);
      assertThat(metric(after, "cc_delivery_seconds_count", "")).isEqualTo(3.0);
      assertThat(metric(after, "cc_realtime_connections", "kind=\"websocket\"")).isEqualTo(1.0);
      assertThat(metric(after, "cc_cleaning_corrections_total", "")).isGreaterThanOrEqualTo(1.0);
      assertThat(after)
          .contains(
              "cc_cleaning_stage_ms_count{",
              "cc_turn_processing_ms{",
              "vertx_http_server_requests_total",
              "vertx_eventbus_",
              "vertx_pool_",
              "jvm_memory_used_bytes");
      assertThat(after).doesNotContain(id); // no conversation ids as tags
      // Every coalesced step reports its batches' waits and round trips.
      assertThat(metric(after, "cc_batch_round_trip_seconds_count", "kind=\"insert\""))
          .isPositive();
      assertThat(metric(after, "cc_batch_wait_seconds_count", "kind=\"complete\"")).isPositive();

      JsonObject snapshot = api.get("/api/v1/metrics/snapshot");
      long deadline = System.currentTimeMillis() + 5_000; // snapshots are taken once a second
      while (snapshot.getJsonObject("turns").getDouble("accepted") < 3.0
          && System.currentTimeMillis() < deadline) {
        Subscription.sleep(100);
        snapshot = api.get("/api/v1/metrics/snapshot");
      }
      assertThat(snapshot.getJsonObject("turns").getDouble("accepted")).isGreaterThanOrEqualTo(3.0);
      assertThat(snapshot.getJsonArray("targets")).hasSize(4);
      assertThat(snapshot.getJsonObject("jvm").getDouble("heap_used_mb")).isPositive();
      assertThat(
              snapshot
                  .getJsonObject("batches_ms")
                  .getJsonObject("insert")
                  .getJsonObject("round_trip")
                  .getDouble("p99"))
          .isPositive();
      assertThat(
              snapshot
                  .getJsonObject("batches_ms")
                  .getJsonObject("complete")
                  .getJsonObject("wait")
                  .containsKey("p50"))
          .isTrue();
      tail.close().await();
      app.stop().await();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void healthIsNotReadyWhilePostgresIsDownAndRecoversWithIt(Vertx vertx) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = Files.createTempDirectory("cc-health-pg");
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
    JsonObject config = TestApp.config("memory");
    config
        .getJsonObject("database")
        .put("url", "postgresql://postgres@127.0.0.1:" + port + "/postgres");
    TestApp app = TestApp.start(vertx, config).await();
    try {
      assertThat(healthStatus(app)).isEqualTo(200);
      pg.close();
      assertThat(awaitHealth(app, 503)).isEqualTo(503);
      JsonObject down = app.client().get("/health").send().await().bodyAsJsonObject();
      assertThat(
              down.getJsonArray("checks").stream()
                  .map(c -> (JsonObject) c)
                  .filter(c -> c.getString("id").equals("database"))
                  .findFirst()
                  .orElseThrow()
                  .getString("status"))
          .isEqualTo("DOWN");
      assertThat(app.client().get("/health/live").send().await().statusCode()).isEqualTo(200);
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
      assertThat(awaitHealth(app, 200)).isEqualTo(200);
    } finally {
      app.stop().await();
      pg.close();
    }
  }

  private static int healthStatus(TestApp app) {
    return app.client().get("/health").send().await().statusCode();
  }

  private static int awaitHealth(TestApp app, int expected) {
    long deadline = System.currentTimeMillis() + 30_000;
    int status = healthStatus(app);
    while (status != expected && System.currentTimeMillis() < deadline) {
      Subscription.sleep(200);
      status = healthStatus(app);
    }
    return status;
  }

  @Test
  void missedTargetRaisesAnAlertThatClearsWhenMetAgain(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config
        .getJsonObject("metrics")
        .put("snapshot_interval_ms", 200)
        .put("alert_after_ms", 400)
        .put("percentile_window_seconds", 2)
        .getJsonObject("targets_ms")
        .put("user_turn_processing", 0.000001);
    List<JsonObject> alerts = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.METRICS_ALERT, msg -> alerts.add(msg.body()));
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    String id = api.createConversation("alerts");
    api.post(
        "/api/v1/conversations/" + id + "/turns",
        new JsonObject().put("speaker", "User").put("raw_text", "um yes"));
    long deadline = System.currentTimeMillis() + 30_000;
    while (alerts.stream().noneMatch(a -> "cleared".equals(a.getString("state")))
        && System.currentTimeMillis() < deadline) {
      Subscription.sleep(50);
    }
    assertThat(alerts)
        .extracting(a -> a.getString("name") + ":" + a.getString("state"))
        .containsExactly("user_turn_processing:raised", "user_turn_processing:cleared");
    assertThat(alerts.get(0).getString("message")).contains("exceeds the target");
    app.stop().await();
  }
}
