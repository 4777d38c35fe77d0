package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration, read once: {@code config/<profile>.json} ({@link ProfileLoader}) with
 * the {@code CC_*} environment applied ({@link EnvironmentOverrides}), each section read into its
 * settings record (defaults and checks of a key live in that record only), then the rules across
 * sections ({@link CrossChecks}) and the sizes left to the machine ({@link Sizing}). A bad value
 * throws a {@link ConfigException} with a one-line reason. Each verticle is given the records it
 * uses, never this whole object.
 */
public record AppConfig(
    String profile,
    Path configDir,
    VertxSettings vertx,
    HttpSettings http,
    DatabaseSettings database,
    QueueSettings queue,
    CleanerSettings cleaner,
    ApiSettings api,
    RealtimeSettings realtime,
    MetricsSettings metrics,
    DiagnosticsSettings diagnostics,
    SecuritySettings security,
    ClusterSettings cluster,
    Roles roles,
    WebhookSettings webhooks) {

  public static final Set<String> PROFILES = ProfileLoader.PROFILES;

  /** What a node can run; a node runs all of them unless {@code roles} (CC_ROLES) names some. */
  public static final List<String> ROLES = Roles.ALL;

  public static AppConfig load(Map<String, String> env) {
    String profile = ProfileLoader.profile(env);
    Path dir = ProfileLoader.configDir(env);
    JsonObject json = ProfileLoader.read(dir, profile);
    EnvironmentOverrides.apply(json, env);
    return of(json, dir);
  }

  /** A config built from JSON directly (tests). */
  public static AppConfig of(JsonObject json, Path configDir) {
    return of(json, configDir, Runtime.getRuntime().availableProcessors());
  }

  static AppConfig of(JsonObject json, Path configDir, int cores) {
    ClusterSettings cluster = ClusterSettings.from(object(json, "cluster"));
    QueueSettings queue = QueueSettings.from(object(json, "queue"));
    DatabaseSettings database = DatabaseSettings.from(object(json, "database"));
    CrossChecks.check(json, cluster, queue, database);
    HttpSettings http = HttpSettings.from(object(json, "http"));
    CleanerSettings cleaner = CleanerSettings.from(object(json, "cleaner"));
    return new AppConfig(
        json.getString("profile", "embedded"),
        configDir,
        VertxSettings.from(object(json, "vertx")),
        http.withInstances(Sizing.httpInstances(http.instances(), cores)),
        database,
        queue,
        cleaner.withShards(Sizing.shards(cleaner.shards(), cores)),
        ApiSettings.from(object(json, "api")),
        RealtimeSettings.from(object(json, "realtime")),
        MetricsSettings.from(object(json, "metrics")),
        DiagnosticsSettings.from(object(json, "diagnostics")),
        SecuritySettings.validate(object(json, "security"), http.host()),
        cluster,
        Roles.from(json.getValue("roles")),
        WebhookSettings.from(object(json, "webhooks")));
  }

  /** The profile's JSON from the config directory, for tests that start from a real profile. */
  public static JsonObject profileJson(String profile, Map<String, String> env) {
    return ProfileLoader.read(ProfileLoader.configDir(env), profile);
  }

  /** A file named relative to the config directory (lexicons, prompts), or null if bundled-only. */
  public Path configFile(String relative) {
    return configDir == null ? null : configDir.resolve(relative);
  }

  /** Cleaner shards = queue partitions, resolved ({@code cleaner.shards}, 0 = one per core). */
  public int shards() {
    return cleaner.shards();
  }

  /** HTTP server instances, resolved ({@code http.instances}, 0 = one per two cores). */
  public int httpInstances() {
    return http.instances();
  }

  /** True when this node joins a cluster (CC_CLUSTER=true, {@code --cluster}, cluster.enabled). */
  public boolean clustered() {
    return cluster.enabled();
  }

  /** The same config with the database and queue as they actually run, and the port resolved. */
  public AppConfig running(DatabaseSettings db, QueueSettings q, HttpSettings h) {
    return new AppConfig(
        profile,
        configDir,
        vertx,
        h,
        db,
        q,
        cleaner,
        api,
        realtime,
        metrics,
        diagnostics,
        security,
        cluster,
        roles,
        webhooks);
  }

  /** The effective configuration as JSON (secrets left out), for logs and tests. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("profile", profile)
        .put("http", http.toJson())
        .put("database", database.toJson())
        .put("database_url", database.url())
        .put("queue", queue.toJson())
        .put("cleaner", cleaner.toJson())
        .put("api", api.toJson())
        .put("realtime", realtime.toJson())
        .put("metrics", metrics.toJson())
        .put("diagnostics", diagnostics.toJson())
        .put("cluster", cluster.toJson())
        .put("roles", roles.toJson())
        .put("webhooks", webhooks.toJson());
  }

  private static JsonObject object(JsonObject json, String section) {
    Object value = json.getValue(section);
    if (value != null && !(value instanceof JsonObject)) {
      throw new ConfigException("config section '" + section + "' is not an object");
    }
    return (JsonObject) value;
  }
}
