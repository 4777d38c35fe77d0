package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {

  @Test
  void defaults() {
    assertThat(ApiSettings.from(new JsonObject()))
        .isEqualTo(new ApiSettings(10_000, 500, 100, 5_000));
  }

  @Test
  void overrides() {
    ApiSettings api =
        ApiSettings.from(
            new JsonObject()
                .put("max_text_chars", 50)
                .put("max_page_size", 20)
                .put("max_batch_turns", 5)
                .put("utterance_idle_ms", 250));
    assertThat(api).isEqualTo(new ApiSettings(50, 20, 5, 250));
    assertThat(ApiSettings.from(api.toJson())).isEqualTo(api);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> ApiSettings.from(new JsonObject().put("max_text_chars", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("api.max_text_chars must be a number in [1, 10000000], not 0");
    assertThatThrownBy(() -> ApiSettings.from(new JsonObject().put("max_page_size", -1)))
        .hasMessage("api.max_page_size must be a number in [1, 100000], not -1");
    assertThatThrownBy(() -> ApiSettings.from(new JsonObject().put("max_batch_turns", 1001)))
        .hasMessage("api.max_batch_turns must be a number in [1, 1000], not 1001");
    assertThatThrownBy(() -> ApiSettings.from(new JsonObject().put("max_batch_turns", 2.5)))
        .hasMessage("api.max_batch_turns must be a number in [1, 1000], not 2.5");
  }
}
