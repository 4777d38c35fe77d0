package io.cleanercontext.api;

import io.cleanercontext.config.ApiSettings;
import io.cleanercontext.config.AppConfig;
import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.DiagnosticsSettings;
import io.cleanercontext.config.HttpSettings;
import io.cleanercontext.config.MetricsSettings;
import io.cleanercontext.config.QueueSettings;
import io.cleanercontext.config.RealtimeSettings;
import io.cleanercontext.config.SecuritySettings;
import io.cleanercontext.config.WebhookSettings;

/**
 * What one {@link ApiVerticle} instance is deployed with: the sections the HTTP port serves (REST,
 * WebSockets, SockJS, {@code /metrics}, diagnostics), plus the conversations' default window.
 */
public record ApiDeployment(
    HttpSettings http,
    ApiSettings api,
    DatabaseSettings database,
    QueueSettings queue,
    RealtimeSettings realtime,
    SecuritySettings security,
    MetricsSettings metrics,
    DiagnosticsSettings diagnostics,
    int defaultWindow,
    WebhookSettings webhooks) {

  /** The slices of a running configuration (resolved port, database URL, queue backend). */
  public static ApiDeployment of(AppConfig running) {
    return new ApiDeployment(
        running.http(),
        running.api(),
        running.database(),
        running.queue(),
        running.realtime(),
        running.security(),
        running.metrics(),
        running.diagnostics(),
        running.cleaner().defaultWindow(),
        running.webhooks());
  }
}
