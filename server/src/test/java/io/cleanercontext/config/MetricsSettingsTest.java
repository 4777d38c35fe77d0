package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

  @Test
  void defaultsHoldTheFourTargets() {
    MetricsSettings metrics = MetricsSettings.from(new JsonObject());
    assertThat(metrics.snapshotIntervalMs()).isEqualTo(1000);
    assertThat(metrics.percentileWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(metrics.prometheusPath()).isEqualTo("/metrics");
    assertThat(metrics.alertAfterMs()).isEqualTo(10_000);
    assertThat(metrics.targetsMs())
        .containsExactly(
            entry("websocket_delivery", 100.0),
            entry("queue_time", 100.0),
            entry("ai_turn_processing", 10.0),
            entry("user_turn_processing", 500.0));
  }

  @Test
  void overridesChangeAndAddTargets() {
    MetricsSettings metrics =
        MetricsSettings.from(
            new JsonObject()
                .put("snapshot_interval_ms", 200)
                .put("percentile_window_seconds", 2)
                .put("prometheus_path", "/prom")
                .put("alert_after_ms", 1000)
                .put("targets_ms", new JsonObject().put("queue_time", 50).put("extra", 7.5)));
    assertThat(metrics.snapshotIntervalMs()).isEqualTo(200);
    assertThat(metrics.percentileWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(metrics.prometheusPath()).isEqualTo("/prom");
    assertThat(metrics.target("queue_time")).isEqualTo(50.0);
    assertThat(metrics.target("websocket_delivery")).isEqualTo(100.0);
    assertThat(metrics.target("extra")).isEqualTo(7.5);
    assertThat(MetricsSettings.from(metrics.toJson())).isEqualTo(metrics);
    assertThatThrownBy(() -> metrics.target("nope")).hasMessageContaining("nope");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> MetricsSettings.from(new JsonObject().put("snapshot_interval_ms", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("metrics.snapshot_interval_ms must be a number >= 1, not 0");
    assertThatThrownBy(
            () -> MetricsSettings.from(new JsonObject().put("percentile_window_seconds", 0)))
        .hasMessage("metrics.percentile_window_seconds must be a number in [1, 86400], not 0");
    assertThatThrownBy(
            () -> MetricsSettings.from(new JsonObject().put("prometheus_path", "metrics")))
        .hasMessage("metrics.prometheus_path must start with '/', not 'metrics'");
    assertThatThrownBy(() -> MetricsSettings.from(new JsonObject().put("alert_after_ms", -1)))
        .hasMessage("metrics.alert_after_ms must be a number >= 0, not -1");
    assertThatThrownBy(
            () ->
                MetricsSettings.from(
                    new JsonObject().put("targets_ms", new JsonObject().put("queue_time", -5))))
        .hasMessage("metrics.targets_ms.queue_time must be a number >= 0.0, not -5");
  }
}
