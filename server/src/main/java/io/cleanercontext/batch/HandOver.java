package io.cleanercontext.batch;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Work for something one context owns and several share (a {@link Coalescer} that the node's shards
 * or API instances use together): run on the owner's context, answered on the caller's, so neither
 * side's state is touched from another thread.
 */
public final class HandOver {
  private HandOver() {}

  /**
   * Runs {@code work} on {@code home} (directly when the caller is on it) and completes on the
   * caller's context.
   */
  public static <T> Future<T> to(Context home, Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    if (caller == home) {
      return work.get();
    }
    Promise<T> answer = Promise.promise();
    home.runOnContext(v -> back(caller, work.get(), answer));
    return answer.future();
  }

  /** {@code result}, completing on the caller's context whichever context completes it. */
  public static <T> Future<T> toCaller(Future<T> result) {
    Context caller = Vertx.currentContext();
    Promise<T> answer = Promise.promise();
    back(caller, result, answer);
    return answer.future();
  }

  private static <T> void back(Context caller, Future<T> result, Promise<T> answer) {
    result.onComplete(
        ar -> {
          if (caller == null || caller == Vertx.currentContext()) {
            answer.handle(ar);
          } else {
            caller.runOnContext(v -> answer.handle(ar));
          }
        });
  }
}
