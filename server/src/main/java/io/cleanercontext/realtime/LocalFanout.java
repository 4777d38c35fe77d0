package io.cleanercontext.realtime;

import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The sockets of one event loop that follow the same conversation share one event-bus consumer, and
 * each event is encoded once for all of them: a subscriber costs a set entry, not a consumer
 * registration (cluster-wide in clustered mode) plus a JSON copy and an encode per event. It is
 * also the event loop's list of open subscribers (ping sweep, shutdown). Confined to the event loop
 * of the gateway that owns it.
 */
final class LocalFanout {
  private final Vertx vertx;
  private final Map<UUID, Group> groups = new HashMap<>();

  /**
   * The subscribers of one conversation on this event loop; they share its id instead of a copy
   * each.
   */
  static final class Group {
    final UUID conversationId;
    private final Set<Subscriber> subscribers = new LinkedHashSet<>();
    private MessageConsumer<JsonObject> consumer;

    private Group(UUID conversationId) {
      this.conversationId = conversationId;
    }

    /**
     * Completes once the conversation's consumer is registered (at once for a group that exists).
     */
    Future<Void> registered() {
      return consumer.completion();
    }
  }

  LocalFanout(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Adds the subscriber to its conversation's group, registering the group's consumer if new. */
  Group join(UUID conversationId, Subscriber subscriber) {
    Group group = groups.get(conversationId);
    if (group == null) {
      Group created = new Group(conversationId);
      created.consumer =
          vertx
              .eventBus()
              .consumer(
                  Addresses.conversationTurns(conversationId.toString()),
                  msg -> deliver(created, msg.body()));
      groups.put(conversationId, created);
      group = created;
    }
    group.subscribers.add(subscriber);
    return group;
  }

  void leave(Group group, Subscriber subscriber) {
    if (group.subscribers.remove(subscriber)
        && group.subscribers.isEmpty()
        && groups.get(group.conversationId) == group) {
      groups.remove(group.conversationId);
      group.consumer.unregister();
    }
  }

  /** Every subscriber of this event loop, as a copy (the action may close sockets). */
  List<Subscriber> all() {
    List<Subscriber> all = new ArrayList<>();
    groups.values().forEach(g -> all.addAll(g.subscribers));
    return all;
  }

  private static void deliver(Group group, JsonObject event) {
    String encoded = event.encode();
    // A subscriber may leave while it is written to (slow consumer): iterate over a copy.
    for (Subscriber subscriber : new ArrayList<>(group.subscribers)) {
      subscriber.onTurnEvent(event, encoded);
    }
  }
}
