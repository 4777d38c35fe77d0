package io.cleanercontext.queue;

import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The live queue workers of every node, in a cluster-wide map (a local one on a single node):
 * {@code queue.status} and {@code queue.control} ask each of them over its node-qualified control
 * address. A worker of a node that died stays listed until a request finds no handler for it.
 */
final class WorkerRegistry {
  private static final String STATE_MAP = "cc.queue.state";
  private static final String LOCAL_NODE = "local";

  private WorkerRegistry() {}

  /** The cluster node id, or {@code local} when Vert.x is not clustered. */
  static String nodeId(Vertx vertx) {
    if (vertx.isClustered()
        && vertx instanceof VertxInternal internal
        && internal.clusterManager() != null) {
      return internal.clusterManager().getNodeId();
    }
    return LOCAL_NODE;
  }

  private static Future<AsyncMap<String, JsonObject>> workers(Vertx vertx) {
    return vertx.sharedData().getAsyncMap(Addresses.QUEUE_WORKER_REGISTRY);
  }

  static Future<Void> register(Vertx vertx, String controlAddress, JsonObject info) {
    return workers(vertx).compose(map -> map.put(controlAddress, info));
  }

  static Future<Void> unregister(Vertx vertx, String controlAddress) {
    return workers(vertx).compose(map -> map.remove(controlAddress)).mapEmpty();
  }

  /**
   * Sends {@code body} to every registered worker; the replies of those that answered, in address
   * order. A worker without a handler (its node is gone) is dropped from the registry.
   */
  static Future<List<JsonObject>> requestAll(Vertx vertx, JsonObject body, long timeoutMs) {
    return workers(vertx)
        .compose(
            map ->
                map.keys()
                    .compose(
                        keys -> {
                          List<String> addresses = new ArrayList<>(new TreeSet<>(keys));
                          List<Future<JsonObject>> replies = new ArrayList<>();
                          DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
                          for (String address : addresses) {
                            replies.add(
                                vertx
                                    .eventBus()
                                    .<JsonObject>request(address, body, options)
                                    .map(m -> m.body())
                                    .recover(
                                        e -> {
                                          if (e instanceof ReplyException re
                                              && re.failureType() == ReplyFailure.NO_HANDLERS) {
                                            return map.remove(address).map((JsonObject) null);
                                          }
                                          return Future.succeededFuture(null);
                                        }));
                          }
                          return Future.all(replies)
                              .map(
                                  v -> {
                                    List<JsonObject> out = new ArrayList<>();
                                    replies.forEach(
                                        f -> {
                                          if (f.result() != null) {
                                            out.add(f.result());
                                          }
                                        });
                                    return out;
                                  });
                        }));
  }

  /** Whether the workers were last started (true) or stopped cluster-wide. */
  static Future<Boolean> clusterRunning(Vertx vertx) {
    return vertx
        .sharedData()
        .<String, Boolean>getAsyncMap(STATE_MAP)
        .compose(map -> map.get("running"))
        .map(running -> running == null || running);
  }

  static Future<Void> setClusterRunning(Vertx vertx, boolean running) {
    return vertx
        .sharedData()
        .<String, Boolean>getAsyncMap(STATE_MAP)
        .compose(map -> map.put("running", running));
  }
}
