package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void embeddedIsTheDefaultProfile() {
    AppConfig config = AppConfig.load(Map.of());
    assertThat(config.profile()).isEqualTo("embedded");
    assertThat(config.database().url()).isNull();
    assertThat(config.queue().backend()).isEqualTo("memory");
    assertThat(config.shards()).isPositive();
  }

  @Test
  void environmentOverridesTheProfile() {
    AppConfig config =
        AppConfig.load(
            Map.of(
                "CC_HTTP_PORT",
                "9123",
                "CC_PG_URL",
                "postgresql://u@db:5432/cc",
                "CC_REDIS_URL",
                "redis://cache:6379",
                "CC_SHARDS",
                "4",
                "CC_DATA_DIR",
                "/var/lib/cc"));
    assertThat(config.http().port()).isEqualTo(9123);
    assertThat(config.database().url()).isEqualTo("postgresql://u@db:5432/cc");
    assertThat(config.queue().backend()).isEqualTo("redis");
    assertThat(config.shards()).isEqualTo(4);
    assertThat(config.database().embeddedDataDir()).isEqualTo("/var/lib/cc/postgres");
  }

  @Test
  void httpInstancesDefaultToOnePerTwoCoresUnlessSet() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(AppConfig.load(Map.of()).httpInstances()).isEqualTo(Math.max(1, cores / 2));
    assertThat(AppConfig.load(Map.of("CC_HTTP_INSTANCES", "3")).httpInstances()).isEqualTo(3);
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_HTTP_INSTANCES", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.instances");
  }

  @Test
  void productionProfileUsesExternalServices() {
    AppConfig config =
        AppConfig.load(
            Map.of(
                "CC_PROFILE", "production", "CC_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    assertThat(config.database().url()).startsWith("postgresql://");
    assertThat(config.queue().backend()).isEqualTo("redis");
    assertThat(config.security().authEnabled()).isTrue();
  }

  @Test
  void authOffOnlyOnLoopbackAndJwtNeedsAKey() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_HTTP_HOST", "0.0.0.0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("security.auth is 'off'")
        .hasMessageContaining("0.0.0.0");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_PROFILE", "production")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CC_JWT_SECRET");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_AUTH", "jwt", "CC_JWT_SECRET", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 32 bytes");
    assertThat(
            AppConfig.load(
                    Map.of(
                        "CC_HTTP_HOST",
                        "0.0.0.0",
                        "CC_AUTH",
                        "jwt",
                        "CC_JWT_SECRET",
                        "0123456789abcdef0123456789abcdef"))
                .security()
                .authEnabled())
        .isTrue();
    assertThat(AppConfig.load(Map.of("CC_HTTP_HOST", "localhost")).security().authEnabled())
        .isFalse();
  }

  @Test
  void unknownProfileOrBadValuesStopWithOneLineReasons() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_PROFILE", "staging")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown profile 'staging'")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CC_HTTP_PORT=eighty is not a number");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_HTTP_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_PG_URL", "mysql://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.url");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_QUEUE_BACKEND", "kafka")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("queue.backend");
    assertThatThrownBy(
            () ->
                AppConfig.load(
                    Map.of(
                        "CC_PG_URL",
                        "postgresql://postgres@127.0.0.1:5432/test",
                        "CC_PG_SOCKET_DIR",
                        "run/postgresql")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.socket_dir")
        .hasMessageContaining("absolute");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_PG_SOCKET_DIR", "/var/run/postgresql")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("database.socket_dir")
        .hasMessageContaining("CC_PG_URL");
  }

  @Test
  void sectionsMustBeObjectsAndTheEffectiveJsonHoldsNoSecret() {
    JsonObject json = AppConfig.profileJson("embedded", Map.of());
    json.remove("api");
    assertThatThrownBy(() -> AppConfig.of(json, null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("config section 'api' is missing or not an object");
    JsonObject notAnObject = AppConfig.profileJson("embedded", Map.of()).put("cluster", "on");
    assertThatThrownBy(() -> AppConfig.of(notAnObject, null))
        .hasMessage("config section 'cluster' is not an object");
    String secret = "0123456789abcdef0123456789abcdef";
    AppConfig config = AppConfig.load(Map.of("CC_AUTH", "jwt", "CC_JWT_SECRET", secret));
    assertThat(config.security().secret()).isEqualTo(secret);
    assertThat(config.toJson().encode()).doesNotContain(secret);
    assertThat(config.toJson().getJsonObject("queue").getString("backend")).isEqualTo("memory");
  }
}
