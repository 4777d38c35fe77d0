package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {

  @Test
  void defaults() {
    assertThat(HttpSettings.from(new JsonObject()))
        .isEqualTo(new HttpSettings("127.0.0.1", 8080, 0, false, 262_144L));
    assertThat(HttpSettings.from(null)).isEqualTo(HttpSettings.from(new JsonObject()));
  }

  @Test
  void overrides() {
    HttpSettings http =
        HttpSettings.from(
            new JsonObject()
                .put("host", "0.0.0.0")
                .put("port", 9000)
                .put("instances", 3)
                .put("compression", true)
                .put("max_body_bytes", 1024));
    assertThat(http).isEqualTo(new HttpSettings("0.0.0.0", 9000, 3, true, 1024));
    assertThat(HttpSettings.from(http.toJson())).isEqualTo(http);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> HttpSettings.from(new JsonObject().put("port", 70_000)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("http.port must be a number in [0, 65535], not 70000");
    assertThatThrownBy(() -> HttpSettings.from(new JsonObject().put("port", "eighty")))
        .hasMessage("http.port must be a number in [0, 65535], not eighty");
    assertThatThrownBy(() -> HttpSettings.from(new JsonObject().put("instances", 65)))
        .hasMessage("http.instances must be a number in [0, 64], not 65");
    assertThatThrownBy(() -> HttpSettings.from(new JsonObject().put("compression", "yes")))
        .hasMessage("http.compression must be true or false, not yes");
    assertThatThrownBy(() -> HttpSettings.from(new JsonObject().put("max_body_bytes", 0)))
        .hasMessage("http.max_body_bytes must be a number >= 1, not 0");
    assertThatThrownBy(() -> HttpSettings.from(new JsonObject().put("host", 1)))
        .hasMessage("http.host must be a string, not 1");
  }
}
