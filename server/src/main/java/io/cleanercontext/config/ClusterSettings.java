package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code cluster} section, every key optional.
 *
 * @param enabled whether this node joins a cluster ({@code CC_CLUSTER}, {@code --cluster})
 * @param host Hazelcast's address ({@code CC_CLUSTER_HOST})
 * @param port Hazelcast's port ({@code CC_CLUSTER_PORT})
 * @param members the {@code host:port} of the members to join ({@code CC_CLUSTER_MEMBERS})
 * @param eventbusHost the clustered event bus's address ({@code CC_EVENTBUS_HOST})
 * @param eventbusPort the clustered event bus's port, 0 for a free one ({@code CC_EVENTBUS_PORT})
 * @param configFile the Hazelcast XML, relative to the config directory
 * @param acquireIntervalMs how often a node tries to take the shards it does not own
 */
public record ClusterSettings(
    boolean enabled,
    String host,
    int port,
    List<String> members,
    String eventbusHost,
    int eventbusPort,
    String configFile,
    long acquireIntervalMs) {

  public static ClusterSettings from(JsonObject section) {
    SectionReader s = new SectionReader("cluster", section);
    boolean enabled = s.bool("enabled", false);
    List<String> members = s.strings("members", List.of("127.0.0.1:5701"));
    if (enabled && members.isEmpty()) {
      throw new ConfigException(
          "cluster.members (CC_CLUSTER_MEMBERS) must list at least one host:port");
    }
    return new ClusterSettings(
        enabled,
        s.string("host", "127.0.0.1"),
        s.integer("port", 5701, 1, 65535),
        members,
        s.string("eventbus_host", "127.0.0.1"),
        s.integer("eventbus_port", 0, 0, 65535),
        s.string("config_file", "cluster.xml"),
        s.longValue("acquire_interval_ms", 1000L, 50, 60_000));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("enabled", enabled)
        .put("host", host)
        .put("port", port)
        .put("members", members)
        .put("eventbus_host", eventbusHost)
        .put("eventbus_port", eventbusPort)
        .put("config_file", configFile)
        .put("acquire_interval_ms", acquireIntervalMs);
  }
}
