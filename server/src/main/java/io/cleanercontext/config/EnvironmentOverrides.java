package io.cleanercontext.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code CC_*} environment variables, written into the profile's JSON before it is read into
 * the settings records, so every key has one reader whatever set it. The names are the product's
 * interface (README, docs/DEPLOYMENT.md).
 */
final class EnvironmentOverrides {

  /** Variable -> {@code section.key} it overrides, as a string. */
  private static final Map<String, String> STRINGS =
      Map.ofEntries(
          Map.entry("CC_CLUSTER_LIMITS", "security.cluster_limits"),
          Map.entry("CC_HTTP_HOST", "http.host"),
          Map.entry("CC_PG_URL", "database.url"),
          Map.entry("CC_PG_SOCKET_DIR", "database.socket_dir"),
          Map.entry("CC_REDIS_URL", "queue.redis_url"),
          Map.entry("CC_QUEUE_BACKEND", "queue.backend"),
          Map.entry("CC_REDIS_PREFIX", "queue.redis_prefix"),
          Map.entry("CC_CLUSTER_HOST", "cluster.host"),
          Map.entry("CC_EVENTBUS_HOST", "cluster.eventbus_host"),
          Map.entry("CC_AUTH", "security.auth"),
          Map.entry("CC_JWT_ALGORITHM", "security.jwt_algorithm"),
          Map.entry("CC_JWT_PUBLIC_KEY_FILE", "security.jwt_public_key_file"),
          Map.entry("CC_JWT_ISSUER", "security.jwt_issuer"),
          Map.entry("CC_JWT_AUDIENCE", "security.jwt_audience"));

  /** Variable -> {@code section.key} it overrides, as a whole number. */
  private static final Map<String, String> NUMBERS =
      Map.ofEntries(
          Map.entry("CC_HTTP_PORT", "http.port"),
          Map.entry("CC_HTTP_INSTANCES", "http.instances"),
          Map.entry("CC_EVENT_LOOPS", "vertx.event_loops"),
          Map.entry("CC_PG_POOL_SIZE", "database.pool_size"),
          Map.entry("CC_PG_BATCHES_IN_FLIGHT", "database.batches_in_flight"),
          Map.entry("CC_PG_RESULT_BATCHES_IN_FLIGHT", "database.result_batches_in_flight"),
          Map.entry("CC_QUEUE_WORKERS", "queue.worker_instances"),
          Map.entry("CC_SHARDS", "cleaner.shards"),
          Map.entry("CC_TCP_BRIDGE_PORT", "realtime.tcp_bridge_port"),
          Map.entry("CC_CLUSTER_PORT", "cluster.port"),
          Map.entry("CC_EVENTBUS_PORT", "cluster.eventbus_port"),
          Map.entry("CC_TURNS_PER_SECOND_PER_TENANT", "security.turns_per_second_per_tenant"),
          Map.entry(
              "CC_MAX_HTTP_CONNECTIONS_PER_ADDRESS", "security.max_http_connections_per_address"));

  /** Every variable read here, for the docs' table (and its test). */
  static final Set<String> NAMES = names();

  private EnvironmentOverrides() {}

  static void apply(JsonObject json, Map<String, String> env) {
    STRINGS.forEach((variable, path) -> set(json, path, value(env, variable)));
    NUMBERS.forEach(
        (variable, path) -> {
          String value = value(env, variable);
          if (value != null) {
            try {
              set(json, path, Integer.parseInt(value));
            } catch (NumberFormatException e) {
              throw new ConfigException(variable + "=" + env.get(variable) + " is not a number");
            }
          }
        });
    String cluster = value(env, "CC_CLUSTER");
    if (cluster != null) {
      if (!cluster.equalsIgnoreCase("true") && !cluster.equalsIgnoreCase("false")) {
        throw new ConfigException("CC_CLUSTER=" + cluster + " must be true or false");
      }
      set(json, "cluster.enabled", Boolean.parseBoolean(cluster));
    }
    String allowPrivate = value(env, "CC_WEBHOOKS_ALLOW_PRIVATE");
    if (allowPrivate != null) {
      if (!allowPrivate.equalsIgnoreCase("true") && !allowPrivate.equalsIgnoreCase("false")) {
        throw new ConfigException(
            "CC_WEBHOOKS_ALLOW_PRIVATE=" + allowPrivate + " must be true or false");
      }
      set(json, "webhooks.allow_private_destinations", Boolean.parseBoolean(allowPrivate));
    }
    String members = value(env, "CC_CLUSTER_MEMBERS");
    if (members != null) {
      set(json, "cluster.members", list(members));
    }
    String roles = value(env, "CC_ROLES");
    if (roles != null) {
      json.put("roles", list(roles));
    }
    String origins = value(env, "CC_ALLOWED_ORIGINS");
    if (origins != null) {
      set(json, "security.allowed_origins", list(origins));
    }
    // The secret comes from the environment (never from a committed profile) into the running
    // config only.
    String secretVariable =
        section(json, "security").getString("jwt_secret_env", SecuritySettings.DEFAULT_SECRET_ENV);
    String secret = value(env, secretVariable);
    if (secret != null) {
      set(json, "security.jwt_secret", secret);
    }
    if (env.containsKey("CC_REDIS_URL") && !env.containsKey("CC_QUEUE_BACKEND")) {
      set(json, "queue.backend", "redis");
    }
    String dataDir = value(env, "CC_DATA_DIR");
    if (dataDir != null) {
      JsonObject database = section(json, "database");
      JsonObject embedded = database.getJsonObject("embedded", new JsonObject());
      database.put("embedded", embedded.put("data_dir", Path.of(dataDir, "postgres").toString()));
    }
  }

  private static String value(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void set(JsonObject json, String path, Object value) {
    if (value != null) {
      int dot = path.indexOf('.');
      section(json, path.substring(0, dot)).put(path.substring(dot + 1), value);
    }
  }

  private static JsonObject section(JsonObject json, String name) {
    Object section = json.getValue(name);
    if (section == null) {
      section = new JsonObject();
      json.put(name, section);
    }
    if (!(section instanceof JsonObject object)) {
      throw new ConfigException("config section '" + name + "' is not an object");
    }
    return object;
  }

  private static JsonArray list(String commaSeparated) {
    JsonArray out = new JsonArray();
    for (String item : commaSeparated.split(",")) {
      if (!item.isBlank()) {
        out.add(item.strip());
      }
    }
    return out;
  }

  private static Set<String> names() {
    Set<String> names = new TreeSet<>(STRINGS.keySet());
    names.addAll(NUMBERS.keySet());
    names.addAll(
        Set.of(
            "CC_CLUSTER",
            "CC_WEBHOOKS_ALLOW_PRIVATE",
            "CC_CLUSTER_MEMBERS",
            "CC_ROLES",
            "CC_ALLOWED_ORIGINS",
            SecuritySettings.DEFAULT_SECRET_ENV,
            "CC_DATA_DIR"));
    return Collections.unmodifiableSet(names);
  }
}
