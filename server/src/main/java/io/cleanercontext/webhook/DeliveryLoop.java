package io.cleanercontext.webhook;

import io.cleanercontext.config.WebhookSettings;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.store.Transcripts;
import io.cleanercontext.store.WebhookDeliveries;
import io.cleanercontext.store.WebhookDeliveries.Attempt;
import io.cleanercontext.store.WebhookLines;
import io.cleanercontext.store.WebhookLines.Leased;
import io.cleanercontext.store.WebhookLines.Line;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender of one verticle instance. Each poll leases due lines (an endpoint and a conversation,
 * with the first of its pending deliveries) in one statement, then sends the lines side by side and
 * each line's deliveries one after another, so the receiver sees a conversation's events in order.
 * A line's run ends with its last delivery or its first failure; its attempts and the line itself
 * go to the {@link AttemptRecorder}, which records them with other lines' and gives the line back
 * (due again at once when more is queued, at the retry after a failure). Everything runs on the
 * verticle's event loop: plain fields, no locks.
 */
final class DeliveryLoop {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);

  /** How many deliveries of one line a lease takes at most. */
  static final int PER_LINE = 100;

  /** Attempts of a long run handed to the recorder before the run ends, at most. */
  static final int FLUSH_EVERY = 25;

  private final WebhookSettings settings;
  private final WebhookLines lines;
  private final Transcripts transcripts;
  private final EventBodies bodies;
  private final HttpAttempts http;
  private final Backoff backoff;
  private final AttemptRecorder recorder;
  private final String owner;
  private boolean polling;
  private int linesInFlight;
  private long leases;

  DeliveryLoop(
      Context context,
      WebhookSettings settings,
      WebhookDeliveries deliveries,
      WebhookLines lines,
      Transcripts transcripts,
      HttpAttempts http,
      String owner) {
    this.settings = settings;
    this.lines = lines;
    this.transcripts = transcripts;
    this.bodies = new EventBodies(transcripts);
    this.http = http;
    this.backoff =
        new Backoff(settings.retryBaseMs(), settings.retryMaxDelayMs(), settings.retryWindowMs());
    this.recorder = new AttemptRecorder(context, deliveries, lines, settings.disableAfterMs());
    this.owner = owner;
  }

  /** Leases due lines, if not already leasing and there is room for more lines. */
  void poll() {
    int room = settings.maxLines() - linesInFlight;
    if (polling || room <= 0) {
      return;
    }
    polling = true;
    String lease = owner + "#" + ++leases;
    lines
        .lease(room, PER_LINE, settings.leaseMs(), lease)
        .compose(this::start)
        .onComplete(
            ar -> {
              polling = false;
              if (ar.failed()) {
                LOG.warn("Leasing webhook lines failed: {}", ar.cause().getMessage());
              } else if (ar.result() == room) {
                poll(); // a full batch: more lines may be due
              }
            });
  }

  /** Starts the leased lines; how many. */
  private Future<Integer> start(List<Line> lines) {
    if (lines.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<UUID> turnIds =
        lines.stream()
            .flatMap(line -> line.deliveries().stream())
            .map(Leased::turnId)
            .filter(Objects::nonNull)
            .toList();
    Future<Map<UUID, StoredTurn>> turns =
        turnIds.isEmpty() ? Future.succeededFuture(Map.of()) : transcripts.byIds(turnIds);
    return turns.map(
        read -> {
          for (Line line : lines) {
            linesInFlight++;
            List<Attempt> attempts = new ArrayList<>();
            send(line, 0, read, attempts)
                .transform(
                    ar -> {
                      if (ar.succeeded()) {
                        return recorder.finish(line, attempts);
                      }
                      // Not given back: the lease runs out and the line is taken again.
                      LOG.warn(
                          "Webhook line {} stopped: {}", line.lineKey(), ar.cause().getMessage());
                      recorder.record(attempts);
                      return Future.succeededFuture(false);
                    })
                .onComplete(
                    ar -> {
                      linesInFlight--;
                      if (ar.succeeded() && ar.result()) {
                        poll();
                      }
                    });
          }
          return lines.size();
        });
  }

  /**
   * Sends the line from {@code at}: the next event goes out as soon as the receiver accepted the
   * previous one; a failed attempt ends the run (the rest waits behind its retry, or goes on at
   * once behind a dead letter). Attempts gather in {@code attempts} for the recorder.
   */
  private Future<Void> send(
      Line line, int at, Map<UUID, StoredTurn> turns, List<Attempt> attempts) {
    if (at == line.deliveries().size()) {
      return Future.succeededFuture();
    }
    if (attempts.size() >= FLUSH_EVERY) {
      recorder.record(List.copyOf(attempts));
      attempts.clear();
    }
    Leased d = line.deliveries().get(at);
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
              int attempt = d.attempts() + 1;
              if (outcome.delivered()) {
                attempts.add(attempt(d, attempt, outcome, WebhookDeliveries.DELIVERED, null));
                return send(line, at + 1, turns, attempts);
              }
              Instant now = Instant.now();
              Instant next = backoff.next(attempt, d.retryFrom(), now);
              attempts.add(
                  next == null
                      ? attempt(d, attempt, outcome, "dead", now)
                      : attempt(d, attempt, outcome, "pending", next));
              return Future.succeededFuture();
            });
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
