package io.cleanercontext.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import io.cleanercontext.cluster.HazelcastSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {
  private static final Map<String, String> CLUSTER =
      Map.of(
          "CC_CLUSTER",
          "true",
          "CC_PROFILE",
          "production",
          "CC_AUTH",
          "off",
          "CC_CLUSTER_MEMBERS",
          "127.0.0.1:5701, 127.0.0.1:5702",
          "CC_CLUSTER_PORT",
          "5702");

  @Test
  void clusterIsOffUnlessAskedAndEveryRoleRunsByDefault() {
    AppConfig config = AppConfig.load(Map.of());
    assertThat(config.clustered()).isFalse();
    assertThat(config.roles().names()).containsExactlyInAnyOrderElementsOf(AppConfig.ROLES);
    assertThat(config.roles().runsShards()).isTrue();
  }

  @Test
  void environmentConfiguresTheClusterAndHazelcast() {
    AppConfig config = AppConfig.load(CLUSTER);
    assertThat(config.clustered()).isTrue();
    Config hazelcast = HazelcastSettings.of(config);
    assertThat(hazelcast.getNetworkConfig().getPort()).isEqualTo(5702);
    assertThat(hazelcast.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(hazelcast.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
    assertThat(hazelcast.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("5");
  }

  @Test
  void clusterNeedsTheRedisQueueAndASharedDatabase() {
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_CLUSTER", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs the Redis queue");
    assertThatThrownBy(
            () ->
                AppConfig.load(
                    Map.of("CC_CLUSTER", "true", "CC_REDIS_URL", "redis://127.0.0.1:6379")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("shared PostgreSQL");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_CLUSTER", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("true or false");
  }

  @Test
  void rolesAreCheckedAndCleanerGoesWithWorker() {
    AppConfig api = AppConfig.load(Map.of("CC_ROLES", "api, realtime"));
    assertThat(api.roles().names()).containsExactly("api", "realtime");
    assertThat(api.roles().runsShards()).isFalse();
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_ROLES", "api,ingest")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown role 'ingest'");
    assertThatThrownBy(() -> AppConfig.load(Map.of("CC_ROLES", "api,cleaner")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("go together");
  }
}
