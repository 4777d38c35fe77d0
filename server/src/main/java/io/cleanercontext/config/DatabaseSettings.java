package io.cleanercontext.config;

import io.vertx.core.json.JsonObject;

/**
 * The {@code database} section.
 *
 * @param url the PostgreSQL URL ({@code CC_PG_URL}); null starts the embedded one, and once it runs
 *     {@link #withUrl} gives every verticle its URL
 * @param socketDir a Unix-socket directory of a PostgreSQL on this machine ({@code
 *     CC_PG_SOCKET_DIR}), or null
 * @param poolSize connections of each API instance; the pipeline verticles get half ({@link
 *     #pipelinePoolSize})
 * @param batchesInFlight ingest insert batches outstanding at once
 * @param resultBatchesInFlight result batches outstanding at once on a node (its shards share
 *     them), and pending-read batches per shard
 * @param embeddedDataDir the embedded PostgreSQL's data directory ({@code CC_DATA_DIR}/postgres)
 * @param embeddedPort the embedded PostgreSQL's port, 0 for a free one
 */
public record DatabaseSettings(
    String url,
    String socketDir,
    int poolSize,
    int batchesInFlight,
    int resultBatchesInFlight,
    String embeddedDataDir,
    int embeddedPort) {

  public static DatabaseSettings from(JsonObject section) {
    SectionReader s = new SectionReader("database", section);
    SectionReader embedded = s.object("embedded");
    DatabaseSettings settings =
        new DatabaseSettings(
            s.string("url", null),
            s.string("socket_dir", null),
            s.integer("pool_size", 8, 1, 200),
            s.integer("batches_in_flight", 1, 1, 64),
            s.integer("result_batches_in_flight", 2, 1, 64),
            embedded.string("data_dir", "data/postgres"),
            embedded.integer("port", 0, 0, 65535));
    settings.validate();
    return settings;
  }

  private void validate() {
    if (url != null && !url.startsWith("postgres")) {
      throw new ConfigException("database.url must be a postgresql:// URL, not '" + url + "'");
    }
    if (socketDir != null && !socketDir.startsWith("/")) {
      throw new ConfigException(
          "database.socket_dir (CC_PG_SOCKET_DIR) must be an absolute directory, not '"
              + socketDir
              + "'");
    }
    if (socketDir != null && url == null) {
      throw new ConfigException(
          "database.socket_dir (CC_PG_SOCKET_DIR) needs database.url (CC_PG_URL): the embedded PostgreSQL is reached over TCP");
    }
  }

  /** Connections of the node's producer's pool, and of each worker's and cleaner shard's. */
  public int pipelinePoolSize() {
    return Math.max(2, poolSize / 2);
  }

  /** The same settings with the URL of the database actually running (the embedded one's). */
  public DatabaseSettings withUrl(String resolved) {
    return new DatabaseSettings(
        resolved,
        socketDir,
        poolSize,
        batchesInFlight,
        resultBatchesInFlight,
        embeddedDataDir,
        embeddedPort);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("url", url)
        .put("socket_dir", socketDir)
        .put("pool_size", poolSize)
        .put("batches_in_flight", batchesInFlight)
        .put("result_batches_in_flight", resultBatchesInFlight)
        .put(
            "embedded",
            new JsonObject().put("data_dir", embeddedDataDir).put("port", embeddedPort));
  }
}
