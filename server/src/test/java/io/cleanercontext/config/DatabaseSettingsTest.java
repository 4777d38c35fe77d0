package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  private static final String URL = "postgresql://postgres@127.0.0.1:5432/test";

  @Test
  void defaultsAreTheEmbeddedDatabase() {
    assertThat(DatabaseSettings.from(new JsonObject()))
        .isEqualTo(new DatabaseSettings(null, null, 8, 1, 2, "data/postgres", 0));
  }

  @Test
  void overridesAndTheRunningUrl() {
    DatabaseSettings db =
        DatabaseSettings.from(
            new JsonObject()
                .put("url", URL)
                .put("socket_dir", "/var/run/postgresql")
                .put("pool_size", 16)
                .put("batches_in_flight", 2)
                .put("result_batches_in_flight", 3)
                .put("embedded", new JsonObject().put("data_dir", "/tmp/pg").put("port", 5999)));
    assertThat(db)
        .isEqualTo(new DatabaseSettings(URL, "/var/run/postgresql", 16, 2, 3, "/tmp/pg", 5999));
    assertThat(db.pipelinePoolSize()).isEqualTo(8);
    assertThat(DatabaseSettings.from(new JsonObject().put("pool_size", 1)).pipelinePoolSize())
        .isEqualTo(2);
    assertThat(DatabaseSettings.from(db.toJson())).isEqualTo(db);
    assertThat(DatabaseSettings.from(new JsonObject()).withUrl(URL).url()).isEqualTo(URL);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> DatabaseSettings.from(new JsonObject().put("url", "mysql://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("database.url must be a postgresql:// URL, not 'mysql://x'");
    assertThatThrownBy(
            () ->
                DatabaseSettings.from(
                    new JsonObject().put("url", URL).put("socket_dir", "run/postgresql")))
        .hasMessage(
            "database.socket_dir (CC_PG_SOCKET_DIR) must be an absolute directory, not 'run/postgresql'");
    assertThatThrownBy(
            () -> DatabaseSettings.from(new JsonObject().put("socket_dir", "/var/run/postgresql")))
        .hasMessageStartingWith("database.socket_dir (CC_PG_SOCKET_DIR) needs database.url");
    assertThatThrownBy(() -> DatabaseSettings.from(new JsonObject().put("pool_size", 0)))
        .hasMessage("database.pool_size must be a number in [1, 200], not 0");
    assertThatThrownBy(() -> DatabaseSettings.from(new JsonObject().put("batches_in_flight", 65)))
        .hasMessage("database.batches_in_flight must be a number in [1, 64], not 65");
    assertThatThrownBy(
            () -> DatabaseSettings.from(new JsonObject().put("result_batches_in_flight", 0)))
        .hasMessage("database.result_batches_in_flight must be a number in [1, 64], not 0");
    assertThatThrownBy(() -> DatabaseSettings.from(new JsonObject().put("embedded", "here")))
        .hasMessage("database.embedded must be an object, not here");
    assertThatThrownBy(
            () ->
                DatabaseSettings.from(
                    new JsonObject().put("embedded", new JsonObject().put("port", -1))))
        .hasMessage("database.embedded.port must be a number in [0, 65535], not -1");
  }
}
