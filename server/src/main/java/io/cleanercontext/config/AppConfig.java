package io.cleanercontext.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration: {@code config/<profile>.json} with environment overrides applied and
 * validated. Each verticle receives its own slice ({@link #slice(String)}).
 *
 * <p>Profiles are read from the config directory ({@code CC_CONFIG_DIR}, else {@code ./config} when
 * it exists, else the copy bundled in the jar), so the jar runs anywhere.
 */
public final class AppConfig {

  public static final Set<String> PROFILES = Set.of("embedded", "production");

  /** What a node can run; a node runs all of them unless {@code roles} (CC_ROLES) names some. */
  public static final java.util.List<String> ROLES =
      java.util.List.of("api", "realtime", "cleaner", "worker", "metrics");

  /** Defaults of the {@code cluster} section, used where the profile does not set a key. */
  private static final JsonObject CLUSTER_DEFAULTS =
      new JsonObject()
          .put("enabled", false)
          .put("host", "127.0.0.1")
          .put("port", 5701)
          .put("members", new io.vertx.core.json.JsonArray().add("127.0.0.1:5701"))
          .put("eventbus_host", "127.0.0.1")
          .put("eventbus_port", 0)
          .put("config_file", "cluster.xml")
          .put("acquire_interval_ms", 1000);

  /** Environment variable -> JSON pointer-ish path ("section.key") it overrides. */
  private static final Map<String, String> ENV_OVERRIDES =
      Map.ofEntries(
          Map.entry("CC_HTTP_HOST", "http.host"),
          Map.entry("CC_HTTP_PORT", "http.port"),
          Map.entry("CC_HTTP_INSTANCES", "http.instances"),
          Map.entry("CC_EVENT_LOOPS", "vertx.event_loops"),
          Map.entry("CC_PG_URL", "database.url"),
          Map.entry("CC_PG_SOCKET_DIR", "database.socket_dir"),
          Map.entry("CC_PG_POOL_SIZE", "database.pool_size"),
          Map.entry("CC_PG_BATCHES_IN_FLIGHT", "database.batches_in_flight"),
          Map.entry("CC_PG_RESULT_BATCHES_IN_FLIGHT", "database.result_batches_in_flight"),
          Map.entry("CC_REDIS_URL", "queue.redis_url"),
          Map.entry("CC_QUEUE_BACKEND", "queue.backend"),
          Map.entry("CC_QUEUE_WORKERS", "queue.worker_instances"),
          Map.entry("CC_INGEST_INSTANCES", "queue.ingest_instances"),
          Map.entry("CC_SHARDS", "cleaner.shards"),
          Map.entry("CC_TCP_BRIDGE_PORT", "realtime.tcp_bridge_port"),
          Map.entry("CC_REDIS_PREFIX", "queue.redis_prefix"),
          Map.entry("CC_CLUSTER_HOST", "cluster.host"),
          Map.entry("CC_CLUSTER_PORT", "cluster.port"),
          Map.entry("CC_EVENTBUS_HOST", "cluster.eventbus_host"),
          Map.entry("CC_EVENTBUS_PORT", "cluster.eventbus_port"),
          Map.entry("CC_AUTH", "security.auth"),
          Map.entry("CC_TURNS_PER_SECOND_PER_TENANT", "security.turns_per_second_per_tenant"),
          Map.entry(
              "CC_MAX_HTTP_CONNECTIONS_PER_ADDRESS", "security.max_http_connections_per_address"),
          Map.entry("CC_JWT_ALGORITHM", "security.jwt_algorithm"),
          Map.entry("CC_JWT_PUBLIC_KEY_FILE", "security.jwt_public_key_file"),
          Map.entry("CC_JWT_ISSUER", "security.jwt_issuer"),
          Map.entry("CC_JWT_AUDIENCE", "security.jwt_audience"));

  private final JsonObject json;
  private final Path configDir;

  private AppConfig(JsonObject json, Path configDir) {
    this.json = json;
    this.configDir = configDir;
  }

  public static AppConfig load(Map<String, String> env) {
    String profile = env.getOrDefault("CC_PROFILE", "embedded");
    if (!PROFILES.contains(profile)) {
      throw new ConfigException(
          "unknown profile '" + profile + "' (CC_PROFILE): expected one of " + PROFILES);
    }
    Path dir = configDir(env);
    JsonObject json = parse(readProfile(dir, profile), profile);
    applyEnv(json, env);
    if (env.containsKey("CC_DATA_DIR")) {
      json.getJsonObject("database")
          .put(
              "embedded",
              json.getJsonObject("database")
                  .getJsonObject("embedded", new JsonObject())
                  .put("data_dir", Path.of(env.get("CC_DATA_DIR"), "postgres").toString()));
    }
    AppConfig config = new AppConfig(json, dir);
    config.validate();
    return config;
  }

  /** A config built from JSON directly (tests). */
  public static AppConfig of(JsonObject json, Path configDir) {
    AppConfig config = new AppConfig(json.copy(), configDir);
    config.validate();
    return config;
  }

  /** The profile's JSON from the config directory, for tests that start from a real profile. */
  public static JsonObject profileJson(String profile, Map<String, String> env) {
    return parse(readProfile(configDir(env), profile), profile);
  }

  public JsonObject json() {
    return json;
  }

  public JsonObject slice(String section) {
    return json.getJsonObject(section, new JsonObject());
  }

  public String profile() {
    return json.getString("profile", "embedded");
  }

  /** A file named relative to the config directory (lexicons, prompts), or null if bundled-only. */
  public Path configFile(String relative) {
    return configDir == null ? null : configDir.resolve(relative);
  }

  public int shards() {
    int shards = slice("cleaner").getInteger("shards", 0);
    return shards > 0 ? shards : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * HTTP server instances (event loops serving the API and the WebSockets): as configured, or with
   * 0 one per two cores. On the 2-core reference node one instance gave the lower p99
   * post-to-delivery at 5,000 turns/s (44–46 ms against 42–57 ms with two; docs/PERFORMANCE.md,
   * fifth round): the other event loops are left to ingest, the queue worker and the clients.
   */
  public int httpInstances() {
    int instances = slice("http").getInteger("instances", 0);
    return instances > 0 ? instances : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** The {@code cluster} section with defaults filled in. */
  public JsonObject cluster() {
    return CLUSTER_DEFAULTS.copy().mergeIn(slice("cluster"));
  }

  /**
   * True when this node joins a cluster (CC_CLUSTER=true, {@code --cluster}, or cluster.enabled).
   */
  public boolean clustered() {
    return cluster().getBoolean("enabled", false);
  }

  /** The roles this node runs ({@link #ROLES} by default). */
  public Set<String> roles() {
    io.vertx.core.json.JsonArray roles = json.getJsonArray("roles");
    if (roles == null || roles.isEmpty()) {
      return Set.copyOf(ROLES);
    }
    Set<String> out = new java.util.LinkedHashSet<>();
    roles.forEach(r -> out.add(String.valueOf(r)));
    return out;
  }

  public boolean hasRole(String role) {
    return roles().contains(role);
  }

  /** True when this node runs cleaner shards and reads their queue partitions. */
  public boolean runsShards() {
    return hasRole("cleaner") && hasRole("worker");
  }

  private static Path configDir(Map<String, String> env) {
    if (env.containsKey("CC_CONFIG_DIR")) {
      return Path.of(env.get("CC_CONFIG_DIR"));
    }
    String property = System.getProperty("cc.config.dir");
    if (property != null) {
      return Path.of(property);
    }
    Path local = Path.of("config");
    return Files.isDirectory(local) ? local : null;
  }

  private static String readProfile(Path dir, String profile) {
    String name = profile + ".json";
    try {
      if (dir != null && Files.exists(dir.resolve(name))) {
        return Files.readString(dir.resolve(name));
      }
      try (InputStream in = AppConfig.class.getResourceAsStream("/config/" + name)) {
        if (in == null) {
          throw new ConfigException(
              "config file " + name + " not found in " + dir + " nor in the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + name + ": " + e.getMessage());
    }
  }

  private static JsonObject parse(String text, String profile) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("config " + profile + ".json is not valid JSON: " + e.getMessage());
    }
  }

  private static void applyEnv(JsonObject json, Map<String, String> env) {
    ENV_OVERRIDES.forEach(
        (variable, path) -> {
          String value = env.get(variable);
          if (value == null || value.isBlank()) {
            return;
          }
          String[] parts = path.split("\\.");
          JsonObject section = json.getJsonObject(parts[0]);
          if (section == null) {
            section = new JsonObject();
            json.put(parts[0], section);
          }
          Object current = section.getValue(parts[1]);
          if (current instanceof Integer
              || path.endsWith("port")
              || path.endsWith("instances")
              || path.endsWith("shards")
              || path.endsWith("pool_size")
              || path.endsWith("worker_instances")
              || path.endsWith("in_flight")) {
            try {
              section.put(parts[1], Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
              throw new ConfigException(variable + "=" + value + " is not a number");
            }
          } else {
            section.put(parts[1], value.strip());
          }
        });
    String cluster = env.get("CC_CLUSTER");
    if (cluster != null && !cluster.isBlank()) {
      if (!cluster.strip().equalsIgnoreCase("true") && !cluster.strip().equalsIgnoreCase("false")) {
        throw new ConfigException("CC_CLUSTER=" + cluster + " must be true or false");
      }
      section(json, "cluster").put("enabled", Boolean.parseBoolean(cluster.strip()));
    }
    if (env.get("CC_CLUSTER_MEMBERS") != null && !env.get("CC_CLUSTER_MEMBERS").isBlank()) {
      section(json, "cluster").put("members", list(env.get("CC_CLUSTER_MEMBERS")));
    }
    if (env.get("CC_ROLES") != null && !env.get("CC_ROLES").isBlank()) {
      json.put("roles", list(env.get("CC_ROLES")));
    }
    JsonObject security = json.getJsonObject("security");
    if (security != null) {
      // The secret comes from the environment (never from a committed profile) into the running
      // config only.
      String secret = env.get(security.getString("jwt_secret_env", "CC_JWT_SECRET"));
      if (secret != null && !secret.isBlank()) {
        security.put("jwt_secret", secret.strip());
      }
      String origins = env.get("CC_ALLOWED_ORIGINS");
      if (origins != null && !origins.isBlank()) {
        security.put(
            "allowed_origins",
            new io.vertx.core.json.JsonArray(
                java.util.Arrays.stream(origins.split(","))
                    .map(String::strip)
                    .filter(o -> !o.isEmpty())
                    .toList()));
      }
    }
    if (env.containsKey("CC_REDIS_URL") && !env.containsKey("CC_QUEUE_BACKEND")) {
      json.getJsonObject("queue").put("backend", "redis");
    }
  }

  private static JsonObject section(JsonObject json, String name) {
    JsonObject section = json.getJsonObject(name);
    if (section == null) {
      section = new JsonObject();
      json.put(name, section);
    }
    return section;
  }

  private static io.vertx.core.json.JsonArray list(String commaSeparated) {
    io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
    for (String item : commaSeparated.split(",")) {
      if (!item.isBlank()) {
        out.add(item.strip());
      }
    }
    return out;
  }

  private void validate() {
    for (String section :
        new String[] {"http", "database", "queue", "cleaner", "api", "realtime", "metrics"}) {
      if (!(json.getValue(section) instanceof JsonObject)) {
        throw new ConfigException("config section '" + section + "' is missing or not an object");
      }
    }
    int port = intIn("http", "port", 0, 65535);
    intIn("http", "instances", 0, 64);
    intIn("vertx", "event_loops", 0, 256);
    intIn("database", "pool_size", 1, 200);
    intIn("database", "batches_in_flight", 1, 64);
    intIn("database", "result_batches_in_flight", 1, 64);
    intIn("queue", "worker_instances", 1, 64);
    intIn("queue", "batch_size", 1, 10_000);
    intIn("queue", "max_attempts", 1, 100);
    intIn("cleaner", "default_window", 1, 1000);
    intIn("api", "max_text_chars", 1, 10_000_000);
    intIn("api", "max_batch_turns", 1, 1_000);
    String backend = slice("queue").getString("backend", "memory");
    if (!backend.equals("memory") && !backend.equals("redis")) {
      throw new ConfigException("queue.backend must be 'memory' or 'redis', not '" + backend + "'");
    }
    if (backend.equals("redis") && slice("queue").getString("redis_url") == null) {
      throw new ConfigException(
          "queue.backend is 'redis' but no queue.redis_url (CC_REDIS_URL) is set");
    }
    String url = slice("database").getString("url");
    if (url != null && !url.startsWith("postgres")) {
      throw new ConfigException("database.url must be a postgresql:// URL, not '" + url + "'");
    }
    String socketDir = slice("database").getString("socket_dir");
    if (socketDir != null && !socketDir.isBlank() && !socketDir.startsWith("/")) {
      throw new ConfigException(
          "database.socket_dir (CC_PG_SOCKET_DIR) must be an absolute directory, not '"
              + socketDir
              + "'");
    }
    if (socketDir != null && !socketDir.isBlank() && url == null) {
      throw new ConfigException(
          "database.socket_dir (CC_PG_SOCKET_DIR) needs database.url (CC_PG_URL): the embedded PostgreSQL is reached over TCP");
    }
    if (port < 0) {
      throw new ConfigException("http.port must be >= 0");
    }
    validateRolesAndCluster(backend, url);
    io.cleanercontext.config.SecuritySettings.validate(json);
  }

  private void validateRolesAndCluster(String backend, String databaseUrl) {
    if (json.getValue("roles") != null
        && !(json.getValue("roles") instanceof io.vertx.core.json.JsonArray)) {
      throw new ConfigException("roles must be a list of " + ROLES);
    }
    Set<String> roles = roles();
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        throw new ConfigException(
            "unknown role '" + role + "' (roles, CC_ROLES): expected some of " + ROLES);
      }
    }
    if (roles.contains("cleaner") != roles.contains("worker")) {
      throw new ConfigException(
          "roles 'cleaner' and 'worker' go together: the owner of cleaner shard p is the only reader of queue partition p");
    }
    if (json.getValue("cluster") != null && !(json.getValue("cluster") instanceof JsonObject)) {
      throw new ConfigException("config section 'cluster' is not an object");
    }
    if (!clustered()) {
      return;
    }
    JsonObject cluster = cluster();
    if (!backend.equals("redis")) {
      throw new ConfigException(
          "clustered mode needs the Redis queue (queue.backend=redis, CC_REDIS_URL): the in-memory queue is per node");
    }
    if (databaseUrl == null) {
      throw new ConfigException(
          "clustered mode needs a shared PostgreSQL (database.url, CC_PG_URL): the embedded one is per node");
    }
    if (!(cluster.getValue("members") instanceof io.vertx.core.json.JsonArray members)
        || members.isEmpty()) {
      throw new ConfigException(
          "cluster.members (CC_CLUSTER_MEMBERS) must list at least one host:port");
    }
    intIn(cluster, "cluster", "port", 1, 65535);
    intIn(cluster, "cluster", "eventbus_port", 0, 65535);
    intIn(cluster, "cluster", "acquire_interval_ms", 50, 60_000);
  }

  private static int intIn(JsonObject section, String name, String key, int min, int max) {
    Object value = section.getValue(key);
    if (!(value instanceof Number number) || number.intValue() < min || number.intValue() > max) {
      throw new ConfigException(
          name + "." + key + " must be a number in [" + min + ", " + max + "], not " + value);
    }
    return number.intValue();
  }

  private int intIn(String section, String key, int min, int max) {
    Object value = slice(section).getValue(key);
    if (!(value instanceof Number number) || number.intValue() < min || number.intValue() > max) {
      throw new ConfigException(
          section + "." + key + " must be a number in [" + min + ", " + max + "], not " + value);
    }
    return number.intValue();
  }
}
