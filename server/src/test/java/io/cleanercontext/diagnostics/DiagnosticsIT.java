package io.cleanercontext.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.support.Api;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one-click diagnostics suite against the live system. */
@ExtendWith(VertxExtension.class)
@Timeout(180)
class DiagnosticsIT {

  private static JsonObject scenario(JsonObject report, String name) {
    return report.getJsonArray("scenarios").stream()
        .map(s -> (JsonObject) s)
        .filter(s -> s.getString("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static long count(TestApp app, String table) {
    return (Long)
        TestDatabase.query(app.databaseUrl(), "SELECT count(*) FROM " + table).get(0).get(0);
  }

  @Test
  void passesOnAHealthyServerLeavesNothingBehindAndIsRateLimited(Vertx vertx) {
    JsonObject config = TestApp.config("redis");
    config.put(
        "diagnostics",
        new JsonObject()
            .put("min_interval_ms", 60_000)
            .put("time_limit_ms", 30_000)
            .put("request_timeout_ms", 5_000));
    // Behaviour, not speed, is under test here: a shared CI machine must not fail it by being slow.
    config
        .getJsonObject("metrics")
        .put(
            "targets_ms",
            new JsonObject()
                .put("websocket_delivery", 10_000)
                .put("queue_time", 10_000)
                .put("ai_turn_processing", 10_000)
                .put("user_turn_processing", 10_000));
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    api.createConversation("a real conversation");

    HttpResponse<Buffer> response = api.post("/api/v1/diagnostics/run", new JsonObject());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject report = response.bodyAsJsonObject();
    assertThat(
            report.getJsonArray("scenarios").stream().map(s -> ((JsonObject) s).getString("name")))
        .containsExactly(
            "scratch_conversation",
            "ai_turn_bypass",
            "user_turn_cleaning",
            "realtime_path",
            "resume",
            "dependencies");
    assertThat(report.getJsonArray("scenarios"))
        .allSatisfy(
            s ->
                assertThat(((JsonObject) s).getBoolean("passed"))
                    .as(((JsonObject) s).encodePrettily())
                    .isTrue());
    assertThat(report.getBoolean("passed")).isTrue();
    assertThat(scenario(report, "realtime_path").getJsonObject("figures").fieldNames())
        .contains("accept_ms_max", "post_to_delivery_ms_max");
    assertThat(scenario(report, "dependencies").getJsonObject("figures").fieldNames())
        .contains(
            "postgresql_round_trip_ms",
            "redis_round_trip_ms",
            "queue_workers",
            "cleaner_shards_owned");

    assertThat(count(app, "conversations")).isEqualTo(1L);
    assertThat(count(app, "turns")).isZero();

    HttpResponse<Buffer> again = api.post("/api/v1/diagnostics/run", new JsonObject());
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(again.getHeader("Retry-After")).isNotBlank();

    JsonObject last = api.get("/api/v1/diagnostics/last");
    assertThat(last.getJsonObject("last").getString("id")).isEqualTo(report.getString("id"));
    assertThat(last.getJsonArray("history")).hasSize(1);
    app.stop().await();
  }

  @Test
  void withQueueWorkersStoppedTheRealtimeScenarioFailsWithAClearReason(Vertx vertx) {
    JsonObject config = TestApp.config("memory");
    config.put(
        "diagnostics",
        new JsonObject()
            .put("min_interval_ms", 0)
            .put("time_limit_ms", 30_000)
            .put("request_timeout_ms", 1_500));
    TestApp app = TestApp.start(vertx, config).await();
    Api api = new Api(app.client());
    api.queue("stop");
    JsonObject report = api.post("/api/v1/diagnostics/run", new JsonObject()).bodyAsJsonObject();
    assertThat(report.getBoolean("passed")).isFalse();
    JsonObject realtime = scenario(report, "realtime_path");
    assertThat(realtime.getBoolean("passed")).isFalse();
    assertThat(realtime.getString("detail")).contains("queue workers are stopped");
    assertThat(scenario(report, "dependencies").getString("detail"))
        .contains("queue workers running");
    api.queue("start");
    for (String table : List.of("conversations", "turns")) {
      assertThat(count(app, table)).as(table).isZero();
    }
    app.stop().await();
  }
}
