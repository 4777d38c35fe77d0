package io.cleanercontext.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Synchronous callers waiting for their turn's result. One per API verticle instance, touched only
 * on its event loop; the queue worker sends each result to this instance's results address.
 */
final class SyncResults {
  private final Vertx vertx;
  private final Map<String, Promise<JsonObject>> waiting = new HashMap<>();

  SyncResults(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Registered before the turn is submitted, so a fast result cannot arrive unseen. */
  Future<JsonObject> await(String turnId, long timeoutMs) {
    Promise<JsonObject> promise = Promise.promise();
    waiting.put(turnId, promise);
    long timer =
        vertx.setTimer(
            timeoutMs,
            t -> {
              if (waiting.remove(turnId) != null) {
                promise.tryFail(new TimedOut());
              }
            });
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  void cancel(String turnId) {
    waiting.remove(turnId);
  }

  void complete(JsonObject turn) {
    Promise<JsonObject> promise = waiting.remove(turn.getString("turn_id"));
    if (promise != null) {
      promise.tryComplete(turn);
    }
  }

  /** The turn was accepted but its result did not come in time; it is still processed. */
  static final class TimedOut extends RuntimeException {
    TimedOut() {
      super("timed out", null, false, false);
    }
  }
}
