package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The sockets of one event loop that follow the same conversation share one event-bus consumer,
 * and each event is encoded once for all of them: a subscriber costs a set entry, not a consumer
 * registration (cluster-wide in clustered mode) plus a JSON copy and an encode per event.
 * Confined to the event loop of the gateway that owns it.
 */
final class LocalFanout {
  private final Vertx vertx;
  private final Map<String, Group> groups = new HashMap<>();

  private static final class Group {
    final Set<Subscriber> subscribers = new LinkedHashSet<>();
    MessageConsumer<JsonObject> consumer;
  }

  LocalFanout(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Adds the subscriber; completes once the conversation's consumer is registered. */
  Future<Void> join(String conversationId, Subscriber subscriber) {
    Group group = groups.get(conversationId);
    if (group == null) {
      Group created = new Group();
      created.consumer = vertx.eventBus().consumer(Addresses.conversationTurns(conversationId),
          msg -> deliver(created, msg.body()));
      groups.put(conversationId, created);
      group = created;
    }
    group.subscribers.add(subscriber);
    return group.consumer.completion();
  }

  void leave(String conversationId, Subscriber subscriber) {
    Group group = groups.get(conversationId);
    if (group != null && group.subscribers.remove(subscriber) && group.subscribers.isEmpty()) {
      groups.remove(conversationId);
      group.consumer.unregister();
    }
  }

  private static void deliver(Group group, JsonObject event) {
    String encoded = event.encode();
    // A subscriber may leave while it is written to (slow consumer): iterate over a copy.
    for (Subscriber subscriber : new ArrayList<>(group.subscribers)) {
      subscriber.onTurnEvent(event, encoded);
    }
  }
}
