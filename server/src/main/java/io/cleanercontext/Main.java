package io.cleanercontext;

import com.hazelcast.config.Config;
import io.cleanercontext.cleaner.TurnCleaner;
import io.cleanercontext.cleaner.engine.CleaningEngine;
import io.cleanercontext.cleaner.engine.Lexicon;
import io.cleanercontext.cluster.HazelcastSettings;
import io.cleanercontext.config.AppConfig;
import io.cleanercontext.config.ClusterSettings;
import io.cleanercontext.config.ConfigException;
import io.cleanercontext.lifecycle.GracefulShutdown;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: reads the configuration (an invalid one stops here with a one-line reason), builds
 * Vert.x with Micrometer metrics, deploys {@link MainVerticle}, and closes everything on SIGTERM.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    AppConfig config;
    CleaningEngine engine;
    Config hazelcast = null;
    try {
      config = AppConfig.load(environment(args));
      engine = new CleaningEngine(lexicon(config));
      if (config.clustered()) {
        hazelcast = HazelcastSettings.of(config);
      }
    } catch (ConfigException e) {
      LOG.error("Cannot start: {}", e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx;
    try {
      vertx =
          hazelcast == null ? createVertx(config) : createClusteredVertx(config, hazelcast).await();
    } catch (Exception e) {
      LOG.error(
          "Cannot start: cannot join the cluster: {}",
          e.getMessage() == null ? e.toString() : e.getMessage());
      System.exit(1);
      return;
    }
    GracefulShutdown shutdown = new GracefulShutdown(vertx);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Shutting down");
                  shutdown
                      .run(config.security().shutdownDrainMs())
                      .eventually(vertx::close)
                      .await();
                },
                "shutdown"));
    // Each cleaner shard wraps this engine in its own LLM cleaner when cleaner.llm.enabled is set.
    vertx
        .deployVerticle(new MainVerticle(config, TurnCleaner.of(engine)))
        .onFailure(
            e -> {
              LOG.error("Cannot start: {}", e.getMessage() == null ? e.toString() : e.getMessage());
              LOG.debug("Start-up failure", e);
              vertx.close().onComplete(v -> System.exit(1));
            });
  }

  /** The environment, with {@code --cluster} on the command line read as CC_CLUSTER=true. */
  static Map<String, String> environment(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    for (String arg : args) {
      if ("--cluster".equals(arg)) {
        env.put("CC_CLUSTER", "true");
      } else {
        throw new ConfigException(
            "unknown argument '"
                + arg
                + "' (the only one is --cluster; the rest is CC_* environment)");
      }
    }
    return env;
  }

  /**
   * Vert.x with Micrometer: HTTP server, event bus, pools and JVM metrics, scraped by Prometheus.
   */
  public static Vertx createVertx() {
    return logTransport(builder(new VertxOptions().setPreferNativeTransport(true)).build());
  }

  /** {@link #createVertx()} with the configured number of event loops. */
  static Vertx createVertx(AppConfig config) {
    return logTransport(builder(options(config)).build());
  }

  /**
   * Native transport, and {@code vertx.event_loops} event loops (0: Vert.x's default, twice the
   * cores). Fewer loops than verticle instances put several on one loop, where event-bus messages
   * between them need no wake-up of another thread.
   */
  private static VertxOptions options(AppConfig config) {
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
    int loops = config.vertx().eventLoops();
    return loops > 0 ? options.setEventLoopPoolSize(loops) : options;
  }

  /**
   * A cluster node: Hazelcast from {@code config/cluster.xml} with this node's members and ports,
   * and the event bus on {@code cluster.eventbus_host:eventbus_port} (0 = a free port).
   */
  public static Future<Vertx> createClusteredVertx(AppConfig config, Config hazelcast) {
    ClusterSettings cluster = config.cluster();
    VertxOptions options = options(config);
    options.getEventBusOptions().setHost(cluster.eventbusHost()).setPort(cluster.eventbusPort());
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
    return builder(options)
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(
            v ->
                LOG.info(
                    "Joined the cluster as node {} (Hazelcast port {}, {} member(s))",
                    manager.getNodeId(),
                    hazelcast.getNetworkConfig().getPort(),
                    manager.getNodes().size()))
        .map(Main::logTransport);
  }

  /** Native epoll where the platform has it (Linux x86-64 ships in the jar), NIO elsewhere. */
  private static Vertx logTransport(Vertx vertx) {
    LOG.info("Network transport: {}", vertx.isNativeTransportEnabled() ? "native (epoll)" : "NIO");
    return vertx;
  }

  private static VertxBuilder builder(VertxOptions options) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }

  /**
   * The built-in domain lexicon plus the deployment's own terms ({@code cleaner.lexicon_path}, from
   * the config directory or the copy in the jar), when it names a file.
   */
  public static Lexicon lexicon(AppConfig config) {
    String name = config.cleaner().lexiconPath();
    if (name.isEmpty()) {
      return Lexicon.builtIn();
    }
    try {
      Path file = config.configFile(name);
      if (file != null && Files.exists(file)) {
        return Lexicon.builtIn().with(file);
      }
      try (InputStream in = Main.class.getResourceAsStream("/config/" + name)) {
        if (in == null) {
          throw new ConfigException("lexicon " + name + " not found");
        }
        Path copy = Files.createTempFile("cc-lexicon", ".txt");
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().deleteOnExit();
        return Lexicon.builtIn().with(copy);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read lexicon " + name + ": " + e.getMessage());
    }
  }
}
