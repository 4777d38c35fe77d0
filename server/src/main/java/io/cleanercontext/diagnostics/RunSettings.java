package io.cleanercontext.diagnostics;

import io.cleanercontext.config.AppConfig;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.DiagnosticsSettings;
import io.cleanercontext.config.HttpSettings;
import io.cleanercontext.config.MetricsSettings;
import io.cleanercontext.config.QueueSettings;

/**
 * What the diagnostics are deployed with: their own limits, where the product's HTTP port is, the
 * targets they check, and the database, queue and shards they report on.
 */
public record RunSettings(
    DiagnosticsSettings diagnostics,
    HttpSettings http,
    MetricsSettings metrics,
    DatabaseSettings database,
    QueueSettings queue,
    int shards) {

  /** The slices of a running configuration (resolved port, database URL, queue backend). */
  public static RunSettings of(AppConfig running) {
    return new RunSettings(
        running.diagnostics(),
        running.http(),
        running.metrics(),
        running.database(),
        running.queue(),
        running.shards());
  }
}
