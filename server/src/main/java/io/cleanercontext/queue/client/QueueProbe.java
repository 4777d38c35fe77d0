package io.cleanercontext.queue.client;

import io.vertx.core.json.JsonObject;

/**
 * What a health check learns from one round trip to the queue backend.
 *
 * @param backend {@code redis} or {@code memory}, as {@link JobQueue#name()}
 * @param roundTripMs how long the backend took to answer
 */
public record QueueProbe(String backend, double roundTripMs) {

  public JsonObject toJson() {
    return new JsonObject().put("backend", backend).put("round_trip_ms", roundTripMs);
  }

  /** Times {@code started} (from {@link System#nanoTime()}) to now. */
  static QueueProbe since(String backend, long started) {
    return new QueueProbe(backend, (System.nanoTime() - started) / 1_000_000.0);
  }
}
