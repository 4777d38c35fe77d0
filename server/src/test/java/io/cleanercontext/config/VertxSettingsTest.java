package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class VertxSettingsTest {

  @Test
  void defaultsOverrideAndRange() {
    assertThat(VertxSettings.from(new JsonObject()).eventLoops()).isZero();
    assertThat(VertxSettings.from(new JsonObject().put("event_loops", 4)).eventLoops())
        .isEqualTo(4);
    assertThatThrownBy(() -> VertxSettings.from(new JsonObject().put("event_loops", 257)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vertx.event_loops must be a number in [0, 256], not 257");
  }
}
