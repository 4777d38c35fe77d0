package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

  @Test
  void sharedLimitsFollowTheQueueByDefault() {
    SecuritySettings security = SecuritySettings.from(null);
    assertThat(security.clusterLimits()).isEqualTo("auto");
    assertThat(security.connectionLeaseMs()).isEqualTo(15_000);
    assertThat(security.authEnabled()).isFalse();
  }

  @Test
  void overrides() {
    SecuritySettings security =
        SecuritySettings.from(
            new JsonObject().put("cluster_limits", "local").put("connection_lease_ms", 2000));
    assertThat(security.clusterLimits()).isEqualTo("local");
    assertThat(security.connectionLeaseMs()).isEqualTo(2000);
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(
            () -> SecuritySettings.from(new JsonObject().put("cluster_limits", "everywhere")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("security.cluster_limits must be 'auto', 'redis' or 'local', not 'everywhere'");
    assertThatThrownBy(
            () ->
                SecuritySettings.validate(
                    new JsonObject().put("connection_lease_ms", 10), "127.0.0.1"))
        .hasMessageContaining("connection_lease_ms >= 1000");
    assertThatThrownBy(() -> SecuritySettings.validate(new JsonObject(), "0.0.0.0"))
        .hasMessageStartingWith("security.auth is 'off' but http.host 0.0.0.0");
  }
}
