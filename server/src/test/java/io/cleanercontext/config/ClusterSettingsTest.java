package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {

  @Test
  void defaultsAreASingleNode() {
    assertThat(ClusterSettings.from(null))
        .isEqualTo(
            new ClusterSettings(
                false,
                "127.0.0.1",
                5701,
                List.of("127.0.0.1:5701"),
                "127.0.0.1",
                0,
                "cluster.xml",
                1000));
  }

  @Test
  void overrides() {
    ClusterSettings cluster =
        ClusterSettings.from(
            new JsonObject()
                .put("enabled", true)
                .put("host", "10.0.0.1")
                .put("port", 5702)
                .put("members", new JsonArray().add("10.0.0.1:5702").add("10.0.0.2:5702"))
                .put("eventbus_host", "10.0.0.1")
                .put("eventbus_port", 17000)
                .put("config_file", "other.xml")
                .put("acquire_interval_ms", 500));
    assertThat(cluster)
        .isEqualTo(
            new ClusterSettings(
                true,
                "10.0.0.1",
                5702,
                List.of("10.0.0.1:5702", "10.0.0.2:5702"),
                "10.0.0.1",
                17000,
                "other.xml",
                500));
    assertThat(ClusterSettings.from(cluster.toJson())).isEqualTo(cluster);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () ->
                ClusterSettings.from(
                    new JsonObject().put("enabled", true).put("members", new JsonArray())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cluster.members (CC_CLUSTER_MEMBERS) must list at least one host:port");
    assertThatThrownBy(() -> ClusterSettings.from(new JsonObject().put("port", 0)))
        .hasMessage("cluster.port must be a number in [1, 65535], not 0");
    assertThatThrownBy(() -> ClusterSettings.from(new JsonObject().put("eventbus_port", 65536)))
        .hasMessage("cluster.eventbus_port must be a number in [0, 65535], not 65536");
    assertThatThrownBy(() -> ClusterSettings.from(new JsonObject().put("acquire_interval_ms", 10)))
        .hasMessage("cluster.acquire_interval_ms must be a number in [50, 60000], not 10");
    assertThatThrownBy(() -> ClusterSettings.from(new JsonObject().put("enabled", "true")))
        .hasMessage("cluster.enabled must be true or false, not true");
  }
}
