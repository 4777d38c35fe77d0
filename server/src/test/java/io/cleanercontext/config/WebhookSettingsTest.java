package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  @Test
  void defaultsRefusePrivateDestinationsAndRetryForADay() {
    WebhookSettings s = WebhookSettings.from(null);
    assertThat(s.enabled()).isTrue();
    assertThat(s.allowPrivateDestinations()).isFalse();
    assertThat(s.retryWindowMs()).isEqualTo(86_400_000L);
    assertThat(s.requestTimeoutMs()).isEqualTo(10_000L);
    assertThat(s.disableAfterMs()).isEqualTo(3 * 86_400_000L);
    assertThat(s.idleCompleteMs()).isZero();
    assertThat(s.retentionMs()).isEqualTo(7 * 86_400_000L);
    assertThat(WebhookSettings.from(s.toJson())).isEqualTo(s);
  }

  @Test
  void overrides() {
    WebhookSettings s =
        WebhookSettings.from(
            new JsonObject()
                .put("allow_private_destinations", true)
                .put("retry_base_ms", 200)
                .put("idle_complete_ms", 1_800_000));
    assertThat(s.allowPrivateDestinations()).isTrue();
    assertThat(s.retryBaseMs()).isEqualTo(200);
    assertThat(s.idleCompleteMs()).isEqualTo(1_800_000);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () -> WebhookSettings.from(new JsonObject().put("allow_private_destinations", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("webhooks.allow_private_destinations");
    assertThatThrownBy(
            () ->
                WebhookSettings.from(
                    new JsonObject().put("lease_ms", 5_000).put("request_timeout_ms", 10_000)))
        .hasMessageContaining(
            "webhooks.lease_ms (5000) must be longer than request_timeout_ms (10000)");
    assertThatThrownBy(() -> WebhookSettings.from(new JsonObject().put("poll_interval_ms", 0)))
        .hasMessageContaining("webhooks.poll_interval_ms");
  }
}
