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

  /** Environment variable -> JSON pointer-ish path ("section.key") it overrides. */
  private static final Map<String, String> ENV_OVERRIDES = Map.ofEntries(
      Map.entry("CC_HTTP_HOST", "http.host"),
      Map.entry("CC_HTTP_PORT", "http.port"),
      Map.entry("CC_HTTP_INSTANCES", "http.instances"),
      Map.entry("CC_PG_URL", "database.url"),
      Map.entry("CC_PG_POOL_SIZE", "database.pool_size"),
      Map.entry("CC_REDIS_URL", "queue.redis_url"),
      Map.entry("CC_QUEUE_BACKEND", "queue.backend"),
      Map.entry("CC_QUEUE_WORKERS", "queue.worker_instances"),
      Map.entry("CC_SHARDS", "cleaner.shards"),
      Map.entry("CC_TCP_BRIDGE_PORT", "realtime.tcp_bridge_port"));

  private final JsonObject json;
  private final Path configDir;

  private AppConfig(JsonObject json, Path configDir) {
    this.json = json;
    this.configDir = configDir;
  }

  public static AppConfig load(Map<String, String> env) {
    String profile = env.getOrDefault("CC_PROFILE", "embedded");
    if (!PROFILES.contains(profile)) {
      throw new ConfigException("unknown profile '" + profile + "' (CC_PROFILE): expected one of " + PROFILES);
    }
    Path dir = configDir(env);
    JsonObject json = parse(readProfile(dir, profile), profile);
    applyEnv(json, env);
    if (env.containsKey("CC_DATA_DIR")) {
      json.getJsonObject("database").put("embedded",
          json.getJsonObject("database").getJsonObject("embedded", new JsonObject())
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
          throw new ConfigException("config file " + name + " not found in " + dir + " nor in the jar");
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
    ENV_OVERRIDES.forEach((variable, path) -> {
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
      if (current instanceof Integer || path.endsWith("port") || path.endsWith("instances")
          || path.endsWith("shards") || path.endsWith("pool_size") || path.endsWith("worker_instances")) {
        try {
          section.put(parts[1], Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
          throw new ConfigException(variable + "=" + value + " is not a number");
        }
      } else {
        section.put(parts[1], value.strip());
      }
    });
    if (env.containsKey("CC_REDIS_URL") && !env.containsKey("CC_QUEUE_BACKEND")) {
      json.getJsonObject("queue").put("backend", "redis");
    }
  }

  private void validate() {
    for (String section : new String[] {"http", "database", "queue", "cleaner", "api", "realtime", "metrics"}) {
      if (!(json.getValue(section) instanceof JsonObject)) {
        throw new ConfigException("config section '" + section + "' is missing or not an object");
      }
    }
    int port = intIn("http", "port", 0, 65535);
    intIn("http", "instances", 1, 64);
    intIn("database", "pool_size", 1, 200);
    intIn("queue", "worker_instances", 1, 64);
    intIn("queue", "batch_size", 1, 10_000);
    intIn("queue", "max_attempts", 1, 100);
    intIn("cleaner", "default_window", 1, 1000);
    intIn("api", "max_text_chars", 1, 10_000_000);
    String backend = slice("queue").getString("backend", "memory");
    if (!backend.equals("memory") && !backend.equals("redis")) {
      throw new ConfigException("queue.backend must be 'memory' or 'redis', not '" + backend + "'");
    }
    if (backend.equals("redis") && slice("queue").getString("redis_url") == null) {
      throw new ConfigException("queue.backend is 'redis' but no queue.redis_url (CC_REDIS_URL) is set");
    }
    String url = slice("database").getString("url");
    if (url != null && !url.startsWith("postgres")) {
      throw new ConfigException("database.url must be a postgresql:// URL, not '" + url + "'");
    }
    if (port < 0) {
      throw new ConfigException("http.port must be >= 0");
    }
  }

  private int intIn(String section, String key, int min, int max) {
    Object value = slice(section).getValue(key);
    if (!(value instanceof Number number) || number.intValue() < min || number.intValue() > max) {
      throw new ConfigException(section + "." + key + " must be a number in [" + min + ", " + max + "], not " + value);
    }
    return number.intValue();
  }
}
