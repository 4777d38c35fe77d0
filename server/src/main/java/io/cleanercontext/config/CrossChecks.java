package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The rules that span sections, checked once every section is read: what a cluster needs, and auth
 * off only on loopback ({@link SecuritySettings#validate}).
 */
final class CrossChecks {
  private CrossChecks() {}

  static void check(
      JsonObject json, ClusterSettings cluster, QueueSettings queue, DatabaseSettings db) {
    for (String section :
        new String[] {"http", "database", "queue", "cleaner", "api", "realtime", "metrics"}) {
      if (!(json.getValue(section) instanceof JsonObject)) {
        throw new ConfigException("config section '" + section + "' is missing or not an object");
      }
    }
    if (cluster.enabled() && !queue.redis()) {
      throw new ConfigException(
          "clustered mode needs the Redis queue (queue.backend=redis, CC_REDIS_URL): the in-memory queue is per node");
    }
    if (cluster.enabled() && db.url() == null) {
      throw new ConfigException(
          "clustered mode needs a shared PostgreSQL (database.url, CC_PG_URL): the embedded one is per node");
    }
  }
}
