package io.cleanercontext.webhook;

import io.cleanercontext.store.WebhookDeliveries;
import io.cleanercontext.store.WebhookDeliveries.Attempt;
import io.cleanercontext.store.WebhookLines;
import io.cleanercontext.store.WebhookLines.Line;
import io.cleanercontext.store.WebhookLines.Released;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the sender's attempts and gives its lines back, for all lines at once: what the lines
 * hand in while a batch is in flight leaves as the next batch, so at 1,000 events/s a batch is one
 * statement for the attempts and one for the lines, not two per event. Per batch, in this order:
 * the attempts (log rows, deliveries' state), the endpoints that failed checked for disabling, then
 * the lines given back (a line locked at that moment by a result joining it is given back by the
 * next batch). A line is given back only after its attempts are recorded (a batch waits for the one
 * before), so no one leases it and sends again what was delivered. If a batch fails, its lines stay
 * leased until the lease runs out and are then sent again: at least once.
 *
 * <p>Runs on the verticle's event loop: plain fields, no locks.
 */
final class AttemptRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptRecorder.class);

  private final Context context;
  private final WebhookDeliveries deliveries;
  private final WebhookLines lines;
  private final long disableAfterMs;

  /** How soon lines that were locked when given back are given back again. */
  private static final long RETRY_LOCKED_MS = 5;

  private List<Attempt> attempts = new ArrayList<>();

  /** Lines to give back, each with the run waiting for it. */
  private Map<Line, Promise<Boolean>> given = new LinkedHashMap<>();

  private boolean scheduled;
  private boolean flushing;

  AttemptRecorder(
      Context context, WebhookDeliveries deliveries, WebhookLines lines, long disableAfterMs) {
    this.context = context;
    this.deliveries = deliveries;
    this.lines = lines;
    this.disableAfterMs = disableAfterMs;
  }

  /** Records attempts of a line still being sent (bounds what a crash would send again). */
  void record(List<Attempt> some) {
    attempts.addAll(some);
    schedule();
  }

  /**
   * Records the last attempts of a line's run, then gives the line back; true when a line of the
   * batch is due again at once (work queued behind it), false when none is or the batch failed.
   */
  Future<Boolean> finish(Line line, List<Attempt> last) {
    attempts.addAll(last);
    Promise<Boolean> done = Promise.promise();
    given.put(line, done);
    schedule();
    return done.future();
  }

  /**
   * Flushes behind the tasks already queued on the event loop, so lines done together leave
   * together.
   */
  private void schedule() {
    if (!scheduled && !flushing) {
      scheduled = true;
      context.runOnContext(v -> flush());
    }
  }

  private void flush() {
    scheduled = false;
    if (flushing || (attempts.isEmpty() && given.isEmpty())) {
      return;
    }
    flushing = true;
    List<Attempt> batch = attempts;
    Map<Line, Promise<Boolean>> back = given;
    attempts = new ArrayList<>();
    given = new LinkedHashMap<>();
    deliveries
        .record(batch)
        .compose(v -> disableFailing(batch))
        .compose(v -> lines.release(List.copyOf(back.keySet())))
        .onComplete(
            ar -> {
              flushing = false;
              if (ar.failed()) {
                LOG.warn(
                    "Recording {} webhook attempts failed ({} lines left to their lease): {}",
                    batch.size(),
                    back.size(),
                    ar.cause().getMessage());
                back.values().forEach(p -> p.complete(false));
                schedule();
                return;
              }
              Released released = ar.result();
              for (Line line : released.retry()) {
                given.put(line, back.remove(line));
              }
              back.values().forEach(p -> p.complete(released.due()));
              if (released.retry().isEmpty() || !attempts.isEmpty()) {
                schedule();
              } else {
                // Only lines locked a moment ago by a result joining them: try again shortly.
                context.owner().setTimer(RETRY_LOCKED_MS, t -> schedule());
              }
            });
  }

  /** Each endpoint with a failed attempt in the batch, disabled if it has failed for too long. */
  private Future<Void> disableFailing(List<Attempt> batch) {
    Map<UUID, Attempt> lastFailure = new LinkedHashMap<>();
    for (Attempt a : batch) {
      if (!a.delivered()) {
        lastFailure.put(a.endpointId(), a);
      }
    }
    Future<Void> chain = Future.succeededFuture();
    for (Attempt a : lastFailure.values()) {
      String reason =
          "every attempt failed for longer than "
              + Duration.ofMillis(disableAfterMs)
              + "; last: "
              + (a.status() != null ? "HTTP " + a.status() : a.error());
      chain =
          chain.compose(
              v -> deliveries.disableIfFailing(a.endpointId(), disableAfterMs, reason).mapEmpty());
    }
    return chain;
  }
}
