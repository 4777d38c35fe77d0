package io.cleanercontext.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.cleanercontext.config.AppConfig;
import io.cleanercontext.config.ClusterSettings;
import io.cleanercontext.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Hazelcast configuration of a clustered node: {@code config/cluster.xml} (from the config
 * directory, else the copy in the jar) with this node's port, interface and TCP-IP member list from
 * the {@code cluster} section (CC_CLUSTER_PORT, CC_CLUSTER_HOST, CC_CLUSTER_MEMBERS). Multicast and
 * auto-detection are always off: members are listed.
 */
public final class HazelcastSettings {

  private HazelcastSettings() {}

  public static Config of(AppConfig config) {
    ClusterSettings cluster = config.cluster();
    Config hazelcast = read(config, cluster.configFile());
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    String host = cluster.host();
    if (host != null && !host.isBlank() && !"0.0.0.0".equals(host)) {
      network.getInterfaces().setEnabled(true).clear().addInterface(host);
      hazelcast.setProperty("hazelcast.local.localAddress", host);
    } else {
      network.getInterfaces().setEnabled(false);
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return hazelcast;
  }

  private static Config read(AppConfig config, String name) {
    try {
      Path file = config.configFile(name);
      if (file != null && Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return new XmlConfigBuilder(in).build();
        }
      }
      try (InputStream in = HazelcastSettings.class.getResourceAsStream("/config/" + name)) {
        if (in == null) {
          throw new ConfigException(
              "Hazelcast config " + name + " not found in the config directory nor in the jar");
        }
        return new XmlConfigBuilder(in).build();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException("cannot read Hazelcast config " + name + ": " + e.getMessage());
    }
  }
}
