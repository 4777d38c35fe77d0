package io.cleanercontext.config;

import io.vertx.core.json.JsonArray;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What this node runs: {@code roles} ({@code CC_ROLES}), all of {@link #ALL} when absent or empty.
 */
public record Roles(Set<String> names) {

  /** What a node can run. */
  public static final List<String> ALL = List.of("api", "realtime", "cleaner", "worker", "metrics");

  /**
   * @param value the {@code roles} value of the config: null, or a list of role names
   */
  public static Roles from(Object value) {
    if (value != null && !(value instanceof JsonArray)) {
      throw new ConfigException("roles must be a list of " + ALL);
    }
    JsonArray list = (JsonArray) value;
    if (list == null || list.isEmpty()) {
      return new Roles(Set.copyOf(ALL));
    }
    Set<String> names = new LinkedHashSet<>();
    list.forEach(r -> names.add(String.valueOf(r)));
    for (String role : names) {
      if (!ALL.contains(role)) {
        throw new ConfigException(
            "unknown role '" + role + "' (roles, CC_ROLES): expected some of " + ALL);
      }
    }
    if (names.contains("cleaner") != names.contains("worker")) {
      throw new ConfigException(
          "roles 'cleaner' and 'worker' go together: the owner of cleaner shard p is the only reader of queue partition p");
    }
    return new Roles(Collections.unmodifiableSet(names));
  }

  public boolean has(String role) {
    return names.contains(role);
  }

  /** True when this node runs cleaner shards and reads their queue partitions. */
  public boolean runsShards() {
    return has("cleaner") && has("worker");
  }

  public JsonArray toJson() {
    return new JsonArray(List.copyOf(names));
  }
}
