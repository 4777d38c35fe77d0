package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimeSettingsTest {

  @Test
  void defaultsHaveNoTcpBridge() {
    RealtimeSettings realtime = RealtimeSettings.from(new JsonObject());
    assertThat(realtime)
        .isEqualTo(new RealtimeSettings(1024, false, 15_000, 60_000, 2_000, -1, List.of()));
    assertThat(realtime.tcpBridge()).isFalse();
  }

  @Test
  void overrides() {
    RealtimeSettings realtime =
        RealtimeSettings.from(
            new JsonObject()
                .put("max_outbound_queue", 8)
                .put("websocket_compression", true)
                .put("ping_interval_ms", 100)
                .put("idle_timeout_ms", 600)
                .put("close_grace_ms", 0)
                .put("tcp_bridge_port", 0)
                .put("allowed_origins", new JsonArray().add("https://a.example")));
    assertThat(realtime)
        .isEqualTo(new RealtimeSettings(8, true, 100, 600, 0, 0, List.of("https://a.example")));
    assertThat(realtime.tcpBridge()).isTrue();
    assertThat(RealtimeSettings.from(realtime.toJson())).isEqualTo(realtime);
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> RealtimeSettings.from(new JsonObject().put("tcp_bridge_port", -2)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("realtime.tcp_bridge_port must be a number in [-1, 65535], not -2");
    assertThatThrownBy(() -> RealtimeSettings.from(new JsonObject().put("max_outbound_queue", 0)))
        .hasMessage("realtime.max_outbound_queue must be a number in [1, 1000000], not 0");
    assertThatThrownBy(() -> RealtimeSettings.from(new JsonObject().put("ping_interval_ms", 0)))
        .hasMessage("realtime.ping_interval_ms must be a number >= 1, not 0");
    assertThatThrownBy(() -> RealtimeSettings.from(new JsonObject().put("idle_timeout_ms", 0)))
        .hasMessage("realtime.idle_timeout_ms must be a number >= 1, not 0");
    assertThatThrownBy(() -> RealtimeSettings.from(new JsonObject().put("close_grace_ms", -1)))
        .hasMessage("realtime.close_grace_ms must be a number >= 0, not -1");
    assertThatThrownBy(() -> RealtimeSettings.from(new JsonObject().put("allowed_origins", "*")))
        .hasMessage("realtime.allowed_origins must be a list, not *");
  }
}
