package io.cleanercontext.queue;

import io.cleanercontext.queue.client.Delivery;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One job per conversation at a time: a job of an idle conversation runs at once; jobs of a busy
 * one wait, and every job that waited meanwhile is handed over in one go once the running one is
 * done (cleaning up to the highest seq among them covers them all). So a conversation with a
 * backlog is worked off many turns per round trip instead of one job at a time, and cannot hold the
 * worker's in-flight slots for long. Different conversations run concurrently. Used on one event
 * loop.
 */
final class ConversationDispatcher {
  private final Function<List<Delivery>, Future<Void>> handler;
  private final Runnable afterEach;

  /** Per conversation, deliveries waiting for the one being processed. */
  private final Map<String, List<Delivery>> waiting = new HashMap<>();

  /** Conversations with jobs being processed now. */
  private final Set<String> busy = new HashSet<>();

  /** Deliveries held: waiting in a conversation's chain or being processed. */
  private final Set<String> held = new HashSet<>();

  private int inFlight;
  private long processed;

  /**
   * @param handler processes jobs of one conversation together; its future never fails
   * @param afterEach runs after each handled group, once its jobs are counted as done
   */
  ConversationDispatcher(Function<List<Delivery>, Future<Void>> handler, Runnable afterEach) {
    this.handler = handler;
    this.afterEach = afterEach;
  }

  void dispatch(Delivery delivery) {
    inFlight++;
    held.add(delivery.id());
    String conversationId = delivery.job().conversationId();
    waiting.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(delivery);
    if (busy.add(conversationId)) {
      runNext(conversationId);
    }
  }

  private void runNext(String conversationId) {
    List<Delivery> jobs = waiting.remove(conversationId);
    if (jobs == null) {
      busy.remove(conversationId);
      return;
    }
    handler
        .apply(jobs)
        .onComplete(
            ar -> {
              for (Delivery done : jobs) {
                inFlight--;
                processed++;
                held.remove(done.id());
              }
              runNext(conversationId);
              afterEach.run();
            });
  }

  /** Whether this delivery is already waiting or running here (a reclaim must not run it twice). */
  boolean holds(String deliveryId) {
    return held.contains(deliveryId);
  }

  /** Deliveries dispatched and not yet done. */
  int inFlight() {
    return inFlight;
  }

  /** Deliveries done since start. */
  long processed() {
    return processed;
  }
}
