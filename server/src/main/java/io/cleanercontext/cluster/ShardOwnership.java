package io.cleanercontext.cluster;

import io.cleanercontext.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.RegistrationInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shard ownership on a clustered node: each cleaner shard is owned by exactly one node at a time,
 * the holder of the cluster-wide lock {@code cc.shard.<k>}. Every {@code acquire_interval_ms} the
 * node tries to lock free shards, up to its fair share {@code ceil(shards / shard-owning nodes)},
 * and for each shard it holds runs the cleaner and the only reader of that queue partition. Above
 * its share (a node joined) it hands one shard back per round: drains the partition's worker,
 * undeploys both, releases the lock. When a node dies Hazelcast drops its locks and the survivors
 * take its shards over; their cleaners rebuild conversation state from PostgreSQL.
 */
public final class ShardOwnership extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ShardOwnership.class);
  private static final long LOCK_WAIT_MS = 10;

  /** Deploys and undeploys what runs for one owned shard. */
  public interface ShardRunner {
    /** Starts the shard's cleaner and its partition's worker; the deployment ids. */
    Future<List<String>> start(int shard);

    /** Stops them, draining the partition's in-flight jobs first. */
    Future<Void> stop(int shard, List<String> deployments);
  }

  private record Held(Lock lock, List<String> deployments) {}

  private final int shards;
  private final long intervalMs;
  private final ShardRunner runner;
  private final Map<Integer, Held> held = new TreeMap<>();
  private ClusterManager clusterManager;
  private long timer = -1;
  private boolean busy;
  private boolean stopping;

  public ShardOwnership(int shards, long intervalMs, ShardRunner runner) {
    this.shards = shards;
    this.intervalMs = intervalMs;
    this.runner = runner;
  }

  /** Shard locks are named here and nowhere else. */
  public static String lockName(int shard) {
    return "cc.shard." + shard;
  }

  @Override
  public Future<?> start() {
    clusterManager = ((VertxInternal) vertx).clusterManager();
    if (clusterManager == null) {
      return Future.failedFuture("shard ownership needs a clustered Vert.x");
    }
    var owners = vertx.eventBus().<JsonObject>consumer(Addresses.CLUSTER_SHARD_OWNERS, this::owned);
    return owners
        .completion()
        .onSuccess(
            v -> {
              timer = vertx.setPeriodic(1, intervalMs, id -> round());
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    // Children (cleaners, workers) are undeployed with this verticle; the locks go with them.
    held.values().forEach(h -> h.lock().release());
    held.clear();
    return Future.succeededFuture();
  }

  private void owned(Message<JsonObject> msg) {
    msg.reply(
        new JsonObject()
            .put("node_id", clusterManager.getNodeId())
            .put("shards", new JsonArray(List.copyOf(held.keySet()))));
  }

  /** One round: hand back one shard above the fair share, else take free shards up to it. */
  private void round() {
    if (busy || stopping) {
      return;
    }
    busy = true;
    ownerNodes()
        .compose(
            nodes -> {
              int share = (shards + nodes - 1) / nodes;
              if (held.size() > share) {
                int shard = ((TreeMap<Integer, Held>) held).lastKey();
                return handBack(shard);
              }
              return acquireFrom(0, share);
            })
        .onComplete(
            ar -> {
              busy = false;
              if (ar.failed()) {
                LOG.warn("Shard ownership round failed: {}", ar.cause().toString());
              }
            });
  }

  /** Nodes taking part in shard ownership (at least this one): those with an owners consumer. */
  private Future<Integer> ownerNodes() {
    Promise<List<RegistrationInfo>> promise = Promise.promise();
    clusterManager.getRegistrations(Addresses.CLUSTER_SHARD_OWNERS, promise);
    return promise
        .future()
        .map(
            list -> {
              Set<String> nodes = new HashSet<>();
              list.forEach(r -> nodes.add(r.nodeId()));
              nodes.add(clusterManager.getNodeId());
              return nodes.size();
            });
  }

  /**
   * Tries shards in turn, starting at a node-specific offset so nodes do not all race for shard 0.
   */
  private Future<Void> acquireFrom(int tried, int share) {
    if (tried >= shards || held.size() >= share || stopping) {
      return Future.succeededFuture();
    }
    int offset = Math.floorMod(clusterManager.getNodeId().hashCode(), shards);
    int shard = (offset + tried) % shards;
    if (held.containsKey(shard)) {
      return acquireFrom(tried + 1, share);
    }
    return vertx
        .sharedData()
        .getLockWithTimeout(lockName(shard), LOCK_WAIT_MS)
        .compose(lock -> take(shard, lock), busyElsewhere -> Future.succeededFuture())
        .compose(v -> acquireFrom(tried + 1, share));
  }

  private Future<Void> take(int shard, Lock lock) {
    if (stopping) {
      lock.release();
      return Future.succeededFuture();
    }
    return runner
        .start(shard)
        .map(
            deployments -> {
              held.put(shard, new Held(lock, deployments));
              LOG.info(
                  "Owns shard {} (now {} of {}: {})", shard, held.size(), shards, held.keySet());
              return (Void) null;
            })
        .recover(
            e -> {
              LOG.warn("Cannot run shard {}, releasing it: {}", shard, e.toString());
              lock.release();
              return Future.succeededFuture();
            });
  }

  private Future<Void> handBack(int shard) {
    Held h = held.remove(shard);
    return runner
        .stop(shard, h.deployments())
        .onComplete(
            ar -> {
              h.lock().release();
              LOG.info(
                  "Handed shard {} back for balance (now {}: {})",
                  shard,
                  held.size(),
                  held.keySet());
            })
        .recover(e -> Future.succeededFuture());
  }
}
