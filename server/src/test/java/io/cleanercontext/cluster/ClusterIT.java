package io.cleanercontext.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.ShardRouter;
import io.cleanercontext.support.Api;
import io.cleanercontext.support.Subscription;
import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three server processes clustered over loopback (Hazelcast TCP-IP, no multicast), sharing one
 * PostgreSQL database and one Redis stream prefix: turns cross nodes, order holds per conversation,
 * and killing the owner of a shard mid-stream loses and duplicates nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(150)
class ClusterIT {
  private static final int SHARDS = 3;

  private final List<ClusterNode> nodes = new ArrayList<>();
  private final Map<ClusterNode, WebClient> clients = new HashMap<>();
  private Vertx vertx;
  private String databaseUrl;

  @BeforeAll
  void startCluster() throws Exception {
    vertx = Vertx.vertx();
    databaseUrl = TestDatabase.freshDatabaseUrl();
    Map<String, String> env = new HashMap<>();
    env.put("CC_PROFILE", "production");
    env.put("CC_AUTH", "off"); // loopback only; authentication has its own tests (SecurityIT)
    env.put("CC_CONFIG_DIR", System.getProperty("cc.config.dir", "../config"));
    env.put("CC_PG_URL", databaseUrl);
    env.put("CC_PG_POOL_SIZE", "4");
    env.put("CC_REDIS_URL", TestRedis.url());
    env.put("CC_REDIS_PREFIX", "cc:test:" + UUID.randomUUID() + ":");
    env.put("CC_SHARDS", Integer.toString(SHARDS));
    env.put("CC_HTTP_HOST", "127.0.0.1");
    env.put("CC_HTTP_INSTANCES", "1");
    env.put("CC_TCP_BRIDGE_PORT", "-1");
    env.put("CC_CLUSTER_HOST", "127.0.0.1");
    env.put("CC_EVENTBUS_HOST", "127.0.0.1");
    for (int i = 0; i < 3; i++) {
      nodes.add(new ClusterNode("node-" + (char) ('a' + i), ClusterNode.freePort()));
    }
    // The first node migrates the schema alone; the others join it.
    nodes.get(0).start(env, nodes);
    nodes.get(0).awaitLive(60);
    nodes.get(1).start(env, nodes);
    nodes.get(2).start(env, nodes);
    nodes.get(1).awaitLive(60);
    nodes.get(2).awaitLive(60);
    for (ClusterNode node : nodes) {
      clients.put(
          node,
          WebClient.create(
              vertx,
              new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort)));
    }
    awaitOneShardEach(60);
  }

  @AfterAll
  void stopCluster() {
    nodes.forEach(ClusterNode::stop);
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @Order(1)
  void turnPostedOnOneNodeReachesSubscribersOnEveryNodeInOrder() {
    Api a = api(nodes.get(0));
    String id = a.createConversation("cross-node");
    List<Subscription> subscribers = new ArrayList<>();
    for (ClusterNode node : nodes) {
      subscribers.add(Subscription.open(vertx, node.httpPort, id, null));
    }
    int turns = 30;
    for (int t = 0; t < turns; t++) {
      // Posts alternate between nodes: order is the conversation's, whichever node accepted the
      // turn.
      HttpResponse<Buffer> accepted =
          api(nodes.get(t % 2))
              .realtime(
                  id,
                  t % 3 == 0 ? "AI" : "User",
                  "turn " + t + " um so the the budget is mostly google adds")
              .await();
      assertThat(accepted.statusCode()).isEqualTo(202);
    }
    for (Subscription s : subscribers) {
      assertThat(s.awaitTurns(turns, 30)).containsExactlyElementsOf(oneTo(turns));
    }
    Subscription.sleep(300);
    for (Subscription s : subscribers) {
      assertThat(s.turnSeqs()).containsExactlyElementsOf(oneTo(turns));
      s.close().await();
    }
    // A synchronous turn waits on the node that took it, whichever node's shard cleans it.
    for (ClusterNode node : nodes) {
      HttpResponse<Buffer> cleaned =
          api(node)
              .post(
                  "/api/v1/conversations/" + id + "/turns",
                  new JsonObject()
                      .put("speaker", "User")
                      .put("raw_text", "um we spend most on google adds"));
      assertThat(cleaned.statusCode()).as("synchronous turn on %s", node).isEqualTo(200);
      assertThat(cleaned.bodyAsJsonObject().getString("cleaned_text")).contains("Google Ads");
    }
  }

  @Test
  @Order(2)
  void killingTheShardOwnerMidStreamLosesNoTurnAndDuplicatesNone() {
    // A conversation on a shard owned by some node O; turns are posted on P, watched on S.
    String id = api(nodes.get(0)).createConversation("failover");
    int shard = ShardRouter.shardOf(id, SHARDS);
    ClusterNode owner = ownerOf(shard);
    List<ClusterNode> others = nodes.stream().filter(n -> n != owner).toList();
    ClusterNode poster = others.get(0);
    ClusterNode watcher = others.get(1);
    Subscription subscriber = Subscription.open(vertx, watcher.httpPort, id, null);
    Api api = api(poster);
    int turns = 60;
    long lastPostedAt = 0;
    for (int t = 0; t < turns; t++) {
      if (t == 20) {
        owner.kill();
      }
      HttpResponse<Buffer> accepted =
          api.realtime(id, t % 4 == 0 ? "AI" : "User", "turn " + t + " uh we use the the crm")
              .await();
      assertThat(accepted.statusCode()).as("turn %d accepted", t).isEqualTo(202);
      lastPostedAt = System.currentTimeMillis();
      Subscription.sleep(40);
    }
    // Hazelcast drops the dead member after ~5 s; a survivor then owns the shard and catches up.
    assertThat(subscriber.awaitTurns(turns, 40)).containsExactlyElementsOf(oneTo(turns));
    long caughtUpMs = System.currentTimeMillis() - lastPostedAt;
    Subscription.sleep(500);
    assertThat(subscriber.turnSeqs()).containsExactlyElementsOf(oneTo(turns));
    assertThat(caughtUpMs).as("the stream continues within a few seconds").isLessThan(20_000);
    List<List<Object>> statuses =
        TestDatabase.query(
            databaseUrl,
            "SELECT status, count(*) FROM turns WHERE conversation_id = '"
                + id
                + "' GROUP BY status ORDER BY status");
    assertThat(statuses).allSatisfy(row -> assertThat(row.get(0)).isIn("cleaned", "skipped"));
    assertThat(statuses.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum())
        .isEqualTo(turns);
    // The survivors now own every shard between them.
    JsonObject status = queueStatus(poster);
    Set<Object> partitions = new HashSet<>();
    status
        .getJsonArray("worker_instances")
        .forEach(w -> partitions.addAll(((JsonObject) w).getJsonArray("partitions").getList()));
    assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2);
    subscriber.close().await();
  }

  private Api api(ClusterNode node) {
    return new Api(clients.get(node));
  }

  private JsonObject queueStatus(ClusterNode node) {
    return clients.get(node).get("/api/v1/queue/status").send().await().bodyAsJsonObject();
  }

  /** Waits until each node runs the worker of exactly one shard, as the fair share asks. */
  private void awaitOneShardEach(int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    JsonObject status = null;
    while (System.currentTimeMillis() < deadline) {
      status = queueStatus(nodes.get(0));
      JsonArray workers = status.getJsonArray("worker_instances", new JsonArray());
      Set<String> owners = new HashSet<>();
      Set<Object> partitions = new HashSet<>();
      workers.forEach(
          w -> {
            owners.add(((JsonObject) w).getString("node_id"));
            partitions.addAll(((JsonObject) w).getJsonArray("partitions").getList());
          });
      if (workers.size() == SHARDS && owners.size() == 3 && partitions.size() == SHARDS) {
        return;
      }
      Subscription.sleep(250);
    }
    throw new AssertionError("shards not spread over the 3 nodes in " + seconds + " s: " + status);
  }

  private ClusterNode ownerOf(int shard) {
    JsonArray workers = queueStatus(nodes.get(0)).getJsonArray("worker_instances");
    for (Object w : workers) {
      JsonObject worker = (JsonObject) w;
      if (worker.getJsonArray("partitions").contains(shard)) {
        String nodeId = worker.getString("node_id");
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst().orElseThrow();
      }
    }
    throw new AssertionError("no owner of shard " + shard + ": " + workers);
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }
}
