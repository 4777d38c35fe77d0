package io.cleanercontext.cleaner;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnEvents;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.store.PendingTurns.Completion;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a conversation's results through the node's store (each leaves 'pending' in the same
 * statement, with the results the node's other shards hand over meanwhile) and publishes the ones
 * this statement moved: to the conversation's subscribers and to a waiting synchronous caller. A
 * result no longer pending was stored by a duplicate delivery and is not published again.
 */
final class ResultPublisher {
  private final Vertx vertx;
  private final NodeResults store;
  private final ProductMetrics metrics;

  ResultPublisher(Vertx vertx, NodeResults store, ProductMetrics metrics) {
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
  }

  /**
   * @param results a prefix of {@code pending}, in order
   */
  Future<Void> store(String conversationId, List<TurnToClean> pending, List<CleanedTurn> results) {
    Map<String, TurnToClean> byId = new HashMap<>();
    pending.forEach(p -> byId.put(p.turnId(), p));
    List<Completion> completions = new ArrayList<>(results.size());
    for (CleanedTurn result : results) {
      completions.add(new Completion(conversationId, byId.get(result.turnId()), result));
    }
    return store
        .complete(completions)
        .onSuccess(
            turns -> {
              for (int i = 0; i < turns.size(); i++) {
                StoredTurn row = turns.get(i);
                if (row == null) {
                  continue; // no longer pending: a duplicate delivery already stored it
                }
                TurnToClean source = completions.get(i).source();
                publish(row, source.replyTo());
                metrics.turnCompleted(row, Instant.ofEpochMilli(source.receivedAt()));
              }
            })
        .mapEmpty();
  }

  private void publish(StoredTurn row, String replyTo) {
    JsonObject event = TurnEvents.of(row);
    vertx
        .eventBus()
        .publish(Addresses.conversationTurns(row.conversationId()), event, TurnEvents.PUBLISH);
    if (replyTo != null) {
      vertx.eventBus().send(replyTo, event.getJsonObject("turn"));
    }
  }
}
