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
 * Finds and parses {@code <profile>.json}: from the config directory ({@code CC_CONFIG_DIR}, the
 * {@code cc.config.dir} system property, else {@code ./config} when it exists), else the copy
 * bundled in the jar, so the jar runs anywhere.
 */
final class ProfileLoader {
  static final Set<String> PROFILES = Set.of("embedded", "production");

  private ProfileLoader() {}

  /** The profile named by {@code CC_PROFILE} (default {@code embedded}). */
  static String profile(Map<String, String> env) {
    String profile = env.getOrDefault("CC_PROFILE", "embedded");
    if (!PROFILES.contains(profile)) {
      throw new ConfigException(
          "unknown profile '" + profile + "' (CC_PROFILE): expected one of " + PROFILES);
    }
    return profile;
  }

  /** The config directory, or null when only the bundled copy exists. */
  static Path configDir(Map<String, String> env) {
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

  static JsonObject read(Path dir, String profile) {
    String name = profile + ".json";
    String text;
    try {
      if (dir != null && Files.exists(dir.resolve(name))) {
        text = Files.readString(dir.resolve(name));
      } else {
        try (InputStream in = ProfileLoader.class.getResourceAsStream("/config/" + name)) {
          if (in == null) {
            throw new ConfigException(
                "config file " + name + " not found in " + dir + " nor in the jar");
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + name + ": " + e.getMessage());
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new ConfigException("config " + name + " is not valid JSON: " + e.getMessage());
    }
  }
}
