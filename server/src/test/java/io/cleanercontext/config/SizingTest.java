package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizingTest {

  @Test
  void zeroMeansSizedFromTheCores() {
    assertThat(Sizing.shards(0, 8)).isEqualTo(8);
    assertThat(Sizing.shards(0, 0)).isEqualTo(1);
    assertThat(Sizing.shards(3, 8)).isEqualTo(3);
    assertThat(Sizing.httpInstances(0, 2)).isEqualTo(1);
    assertThat(Sizing.httpInstances(0, 1)).isEqualTo(1);
    assertThat(Sizing.httpInstances(0, 8)).isEqualTo(4);
    assertThat(Sizing.httpInstances(5, 8)).isEqualTo(5);
  }

  @Test
  void theConfigHoldsTheResolvedCounts() {
    var json = AppConfig.profileJson("embedded", java.util.Map.of());
    json.getJsonObject("cleaner").put("shards", 0);
    json.getJsonObject("http").put("instances", 0);
    AppConfig config = AppConfig.of(json, null, 6);
    assertThat(config.shards()).isEqualTo(6);
    assertThat(config.httpInstances()).isEqualTo(3);
  }
}
