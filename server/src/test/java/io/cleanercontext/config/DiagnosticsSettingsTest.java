package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DiagnosticsSettingsTest {

  @Test
  void defaults() {
    assertThat(DiagnosticsSettings.from(null))
        .isEqualTo(new DiagnosticsSettings(10_000L, 30_000L, 3_000L));
  }

  @Test
  void overridesAllowingNoIntervalAtAll() {
    DiagnosticsSettings diagnostics =
        DiagnosticsSettings.from(
            new JsonObject()
                .put("min_interval_ms", 0)
                .put("time_limit_ms", 5_000)
                .put("request_timeout_ms", 1_500));
    assertThat(diagnostics).isEqualTo(new DiagnosticsSettings(0, 5_000, 1_500));
    assertThat(DiagnosticsSettings.from(diagnostics.toJson())).isEqualTo(diagnostics);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> DiagnosticsSettings.from(new JsonObject().put("min_interval_ms", -1)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("diagnostics.min_interval_ms must be a number >= 0, not -1");
    assertThatThrownBy(() -> DiagnosticsSettings.from(new JsonObject().put("time_limit_ms", 0)))
        .hasMessage("diagnostics.time_limit_ms must be a number >= 1, not 0");
    assertThatThrownBy(
            () -> DiagnosticsSettings.from(new JsonObject().put("request_timeout_ms", "3s")))
        .hasMessage("diagnostics.request_timeout_ms must be a number >= 1, not 3s");
  }
}
