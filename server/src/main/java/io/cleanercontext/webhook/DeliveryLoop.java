package io.cleanercontext.webhook;

import io.cleanercontext.config.WebhookSettings;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.Transcripts;
import io.cleanercontext.store.WebhookDeliveries;
import io.cleanercontext.store.WebhookDeliveries.Attempt;
import io.cleanercontext.store.WebhookDeliveries.Leased;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender of one node. Each poll leases due lines (an endpoint and a conversation, with the
 * deliveries queued behind the head), then sends each line's deliveries one after another, so the
 * receiver sees a conversation's events in order; lines run side by side. An attempt is recorded
 * (the log row and the delivery's new state in one statement) before the next of its line is sent.
 * A failure stops the line: the rest is released and waits behind the failed delivery's retry.
 * Everything runs on the verticle's event loop: plain fields, no locks.
 */
final class DeliveryLoop {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);

  /** How many deliveries of one line a lease takes at most. */
  static final int PER_LINE = 100;

  /** Delivered attempts recorded together at most. */
  static final int FLUSH_EVERY = 25;

  private final WebhookSettings settings;
  private final WebhookDeliveries deliveries;
  private final Transcripts transcripts;
  private final EventBodies bodies;
  private final HttpAttempts http;
  private final Backoff backoff;
  private final String owner;
  private boolean polling;
  private int linesInFlight;

  DeliveryLoop(
      WebhookSettings settings,
      WebhookDeliveries deliveries,
      Transcripts transcripts,
      HttpAttempts http,
      String owner) {
    this.settings = settings;
    this.deliveries = deliveries;
    this.transcripts = transcripts;
    this.bodies = new EventBodies(transcripts);
    this.http = http;
    this.backoff =
        new Backoff(settings.retryBaseMs(), settings.retryMaxDelayMs(), settings.retryWindowMs());
    this.owner = owner;
  }

  /** Leases what is due, if not already polling and there is room for more lines. */
  void poll() {
    int room = settings.maxLines() - linesInFlight;
    if (polling || room <= 0) {
      return;
    }
    polling = true;
    deliveries
        .lease(room, PER_LINE, settings.leaseMs(), owner)
        .compose(this::start)
        .onComplete(
            ar -> {
              polling = false;
              if (ar.failed()) {
                LOG.warn("Leasing webhook deliveries failed: {}", ar.cause().getMessage());
              }
            });
  }

  private Future<Void> start(List<Leased> leased) {
    if (leased.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> turnIds = leased.stream().map(Leased::turnId).filter(Objects::nonNull).toList();
    return transcripts
        .byIds(turnIds)
        .map(
            turns -> {
              for (List<Leased> line : lines(leased)) {
                linesInFlight++;
                List<Attempt> delivered = new ArrayList<>();
                send(line, 0, turns, delivered)
                    .compose(v -> flush(line.get(0), delivered))
                    .onComplete(ar -> linesInFlight--);
              }
              return null;
            });
  }

  /** The leased deliveries by line, each in order (seq, then id). */
  static List<List<Leased>> lines(List<Leased> leased) {
    Map<String, List<Leased>> byLine = new LinkedHashMap<>();
    for (Leased d : leased) {
      byLine.computeIfAbsent(d.endpointId() + "/" + d.lineKey(), k -> new ArrayList<>()).add(d);
    }
    List<List<Leased>> lines = new ArrayList<>(byLine.values());
    for (List<Leased> line : lines) {
      line.sort(
          (a, b) ->
              a.seq() != b.seq() ? Long.compare(a.seq(), b.seq()) : Long.compare(a.id(), b.id()));
    }
    return lines;
  }

  /**
   * Sends the line from {@code at}: the next event goes out as soon as the receiver accepted the
   * previous one; delivered attempts are recorded together ({@link #FLUSH_EVERY} at a time, and at
   * the end of the run), a failure at once, after what was delivered before it. A crash before a
   * record sends those events again when the lease runs out: at least once.
   */
  private Future<Void> send(
      List<Leased> line, int at, Map<UUID, StoredTurn> turns, List<Attempt> delivered) {
    if (at == line.size()) {
      return Future.succeededFuture();
    }
    if (delivered.size() >= FLUSH_EVERY) {
      return flush(line.get(0), delivered).compose(v -> send(line, at, turns, delivered));
    }
    Leased d = line.get(at);
    return bodies
        .body(d, turns)
        .compose(
            body -> {
              String text = body.encode();
              long timestamp = Instant.now().getEpochSecond();
              List<String> headers =
                  List.of(
                      "webhook-id", d.messageId(),
                      "webhook-timestamp", Long.toString(timestamp),
                      "webhook-signature",
                          Signature.header(d.secrets(), d.messageId(), timestamp, text));
              return http.post(d.url(), headers, text);
            })
        .compose(
            outcome -> {
              if (outcome.delivered()) {
                delivered.add(attempt(d, d.attempts() + 1, outcome, "delivered", Instant.now()));
                return send(line, at + 1, turns, delivered);
              }
              return flush(d, delivered)
                  .compose(v -> recordFailure(d, outcome))
                  .compose(
                      held ->
                          held == null
                              ? send(line, at + 1, turns, delivered)
                              : deliveries.holdLine(d, held));
            })
        .recover(
            e -> {
              // The lease runs out and another poll takes the line again: nothing is lost.
              LOG.warn("Webhook delivery {} not recorded: {}", d.id(), e.getMessage());
              return Future.succeededFuture();
            });
  }

  private Future<Void> flush(Leased any, List<Attempt> delivered) {
    if (delivered.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Attempt> batch = List.copyOf(delivered);
    delivered.clear();
    return deliveries.recordDelivered(any.endpointId(), batch);
  }

  /**
   * Records a failed attempt. Null when the line may go on (given up as dead), else the time its
   * next attempt is due, until which the rest of the line is held.
   */
  private Future<Instant> recordFailure(Leased d, HttpAttempts.Outcome outcome) {
    int attempt = d.attempts() + 1;
    Instant now = Instant.now();
    Instant next = backoff.next(attempt, d.retryFrom(), now);
    String state = next == null ? "dead" : "pending";
    return deliveries
        .record(attempt(d, attempt, outcome, state, next == null ? now : next))
        .compose(
            v ->
                deliveries.disableIfFailing(
                    d.endpointId(),
                    settings.disableAfterMs(),
                    "every attempt failed for longer than "
                        + java.time.Duration.ofMillis(settings.disableAfterMs())
                        + "; last: "
                        + (outcome.status() != null
                            ? "HTTP " + outcome.status()
                            : outcome.error())))
        .map(disabled -> next == null && !disabled ? null : next == null ? now : next);
  }

  private static Attempt attempt(
      Leased d, int attempt, HttpAttempts.Outcome o, String state, Instant next) {
    return new Attempt(
        d.id(),
        d.endpointId(),
        attempt,
        o.status(),
        o.error(),
        o.latencyMs(),
        o.excerpt(),
        state,
        next);
  }
}
