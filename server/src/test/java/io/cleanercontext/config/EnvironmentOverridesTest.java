package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

  @Test
  void variablesLandOnTheirKeysWithTheirTypes() {
    JsonObject json = new JsonObject().put("queue", new JsonObject().put("backend", "memory"));
    EnvironmentOverrides.apply(
        json,
        Map.of(
            "CC_HTTP_PORT", " 9000 ",
            "CC_REDIS_URL", "redis://r:6379",
            "CC_CLUSTER", "TRUE",
            "CC_CLUSTER_MEMBERS", "a:1, b:2,",
            "CC_ROLES", "api",
            "CC_ALLOWED_ORIGINS", "https://a.example",
            "CC_JWT_SECRET", "s3cret",
            "CC_DATA_DIR", "/var/lib/cc",
            "CC_SHARDS", ""));
    assertThat(json.getJsonObject("http").getValue("port")).isEqualTo(9000);
    assertThat(json.getJsonObject("queue").getString("redis_url")).isEqualTo("redis://r:6379");
    assertThat(json.getJsonObject("queue").getString("backend")).isEqualTo("redis");
    assertThat(json.getJsonObject("cluster").getBoolean("enabled")).isTrue();
    assertThat(json.getJsonObject("cluster").getJsonArray("members"))
        .isEqualTo(new JsonArray().add("a:1").add("b:2"));
    assertThat(json.getJsonArray("roles")).isEqualTo(new JsonArray().add("api"));
    assertThat(json.getJsonObject("security").getJsonArray("allowed_origins"))
        .isEqualTo(new JsonArray().add("https://a.example"));
    assertThat(json.getJsonObject("security").getString("jwt_secret")).isEqualTo("s3cret");
    assertThat(json.getJsonObject("database").getJsonObject("embedded").getString("data_dir"))
        .isEqualTo(Path.of("/var/lib/cc", "postgres").toString());
    assertThat(json.getJsonObject("cleaner")).isNull();
  }

  @Test
  void whereLimitsAreCountedIsAVariableToo() {
    JsonObject json = new JsonObject().put("security", new JsonObject());
    EnvironmentOverrides.apply(json, Map.of("CC_CLUSTER_LIMITS", "local"));
    assertThat(json.getJsonObject("security").getString("cluster_limits")).isEqualTo("local");
  }

  @Test
  void theSecretComesFromTheVariableTheProfileNames() {
    JsonObject json =
        new JsonObject().put("security", new JsonObject().put("jwt_secret_env", "MY_SECRET"));
    EnvironmentOverrides.apply(json, Map.of("MY_SECRET", "x", "CC_JWT_SECRET", "y"));
    assertThat(json.getJsonObject("security").getString("jwt_secret")).isEqualTo("x");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> EnvironmentOverrides.apply(new JsonObject(), Map.of("CC_SHARDS", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("CC_SHARDS=x is not a number");
    assertThatThrownBy(
            () -> EnvironmentOverrides.apply(new JsonObject(), Map.of("CC_CLUSTER", "yes")))
        .hasMessage("CC_CLUSTER=yes must be true or false");
    assertThatThrownBy(
            () ->
                EnvironmentOverrides.apply(
                    new JsonObject().put("http", "x"), Map.of("CC_HTTP_PORT", "1")))
        .hasMessage("config section 'http' is not an object");
  }

  @Test
  void theReadmeListsEveryVariable() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    for (String variable : EnvironmentOverrides.NAMES) {
      assertThat(readme).as(variable).contains("`" + variable);
    }
  }
}
