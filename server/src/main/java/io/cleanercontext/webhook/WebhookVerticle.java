package io.cleanercontext.webhook;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.WebhookSettings;
import io.cleanercontext.security.Destinations;
import io.cleanercontext.store.ConversationCompletions;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.Transcripts;
import io.cleanercontext.store.WebhookDeliveries;
import io.cleanercontext.store.WebhookLines;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound webhooks of this node: the sender ({@link DeliveryLoop}) and the completion watcher
 * ({@link CompletionWatcher}), each on a timer. Deliveries are rows in PostgreSQL written in the
 * same transaction as what they report, so this verticle can stop, crash or run on several nodes: a
 * lease makes one node attempt each, and an expired lease hands it to another.
 */
public final class WebhookVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookVerticle.class);
  private static final long COMPLETION_TICK_MS = 250;
  private static final long PURGE_EVERY_MS = 60_000;
  private static final int PURGE_BATCH = 10_000;

  private final WebhookSettings settings;
  private final DatabaseSettings database;
  private final String owner = "node-" + UUID.randomUUID();
  private Pool pool;
  private HttpAttempts http;
  private final List<Long> timers = new ArrayList<>();

  public WebhookVerticle(WebhookSettings settings, DatabaseSettings database) {
    this.settings = settings;
    this.database = database;
  }

  @Override
  public Future<?> start() {
    pool = Database.hotPathPool(vertx, database.url(), 4, "pg-webhooks");
    http =
        new HttpAttempts(
            vertx,
            new Destinations(settings.allowPrivateDestinations()),
            settings.requestTimeoutMs());
    WebhookDeliveries deliveries = new WebhookDeliveries(pool);
    DeliveryLoop loop =
        new DeliveryLoop(
            context,
            settings,
            deliveries,
            new WebhookLines(pool),
            new Transcripts(pool),
            http,
            owner);
    CompletionWatcher watcher =
        new CompletionWatcher(new ConversationCompletions(pool), settings.idleCompleteMs());
    timers.add(vertx.setPeriodic(settings.pollIntervalMs(), id -> loop.poll()));
    timers.add(vertx.setPeriodic(COMPLETION_TICK_MS, id -> watcher.tick()));
    timers.add(vertx.setPeriodic(PURGE_EVERY_MS, id -> purge(deliveries)));
    if (settings.idleCompleteMs() > 0) {
      long every = Math.max(1_000, Math.min(60_000, settings.idleCompleteMs() / 4));
      timers.add(vertx.setPeriodic(every, id -> watcher.idleTick()));
    }
    return Future.succeededFuture();
  }

  /**
   * Finished deliveries past the retention, every minute, batch after batch while a batch comes
   * back full (any node may run it: a row is deleted once).
   */
  private void purge(WebhookDeliveries deliveries) {
    deliveries
        .purge(settings.retentionMs(), PURGE_BATCH)
        .onSuccess(
            n -> {
              LOG.debug("{} old webhook deliveries removed", n);
              if (n == PURGE_BATCH) {
                purge(deliveries);
              }
            })
        .onFailure(e -> LOG.warn("Removing old webhook deliveries failed: {}", e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    // Leases of deliveries in flight run out and are taken again, here or on another node.
    timers.forEach(vertx::cancelTimer);
    http.close();
    return pool.close();
  }
}
