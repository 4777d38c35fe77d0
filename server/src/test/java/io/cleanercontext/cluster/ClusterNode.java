package io.cleanercontext.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a test cluster: the server's Main in a JVM process of its own, started with {@code
 * --cluster} on free loopback ports, its output in a log file under target/.
 */
final class ClusterNode {
  private static final Pattern NODE_ID =
      Pattern.compile("Joined the cluster as node ([0-9a-f\\-]{36})");

  final String name;
  final int httpPort;
  final int clusterPort;
  final Path log;
  private Process process;

  ClusterNode(String name, int clusterPort) {
    this.name = name;
    this.httpPort = freePort();
    this.clusterPort = clusterPort;
    this.log = Path.of("target", "cluster-it", name + ".log");
  }

  /**
   * Free ports for the Hazelcast members of a test cluster (they must be known before any starts).
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  void start(Map<String, String> sharedEnv, List<ClusterNode> members) throws IOException {
    Files.createDirectories(log.getParent());
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            classpath,
            "io.cleanercontext.Main",
            "--cluster");
    Map<String, String> env = builder.environment();
    env.putAll(sharedEnv);
    env.put("CC_HTTP_PORT", Integer.toString(httpPort));
    env.put("CC_CLUSTER_PORT", Integer.toString(clusterPort));
    env.put(
        "CC_CLUSTER_MEMBERS",
        String.join(",", members.stream().map(m -> "127.0.0.1:" + m.clusterPort).toList()));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    process = builder.start();
  }

  /** Waits until the node answers its liveness check. */
  void awaitLive(int seconds) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/live"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(200);
    }
    throw new AssertionError(
        name + " not live within " + seconds + " s; see " + log.toAbsolutePath());
  }

  /** The Vert.x cluster node id, as the node logged it on joining. */
  String nodeId() {
    try {
      Matcher m = NODE_ID.matcher(Files.readString(log));
      if (m.find()) {
        return m.group(1);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError(name + " logged no node id; see " + log.toAbsolutePath());
  }

  /** kill -9: no shutdown hook, no goodbye to the cluster. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static Map<String, String> env(Map<String, String> base) {
    return new HashMap<>(base);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (http " + httpPort + ", hazelcast " + clusterPort + ")";
  }
}
