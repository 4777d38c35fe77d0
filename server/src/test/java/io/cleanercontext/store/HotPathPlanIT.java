package io.cleanercontext.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plan PostgreSQL caches for the result {@code UPDATE} of the hot path, made as the hot-path
 * pool's connections make it (only lookups and nested loops, a generic plan) from a {@code turns}
 * table ANALYZEd while empty: the worst statistics it can have. Every scan of {@code turns} must
 * look the statement's ids up (an index condition); a scan with the ids only as a filter walks the
 * whole table for every batch once it has grown, which stopped the queue draining in an embedded
 * closed-loop run (docs/PERFORMANCE.md, fourteenth round).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class HotPathPlanIT {

  @Test
  void theResultUpdateLooksItsTurnsUpWhateverTheStatistics(Vertx vertx) throws Exception {
    String url = TestDatabase.freshDatabaseUrl();
    Database.start(vertx, DatabaseSettings.from(new JsonObject().put("url", url))).await();
    List<JsonObject> scans;
    try (Connection c = DriverManager.getConnection(TestDatabase.jdbc(url, null));
        Statement s = c.createStatement()) {
      for (var setting : Database.HOT_PATH_PLANNER.entrySet()) {
        s.execute("SET " + setting.getKey() + " = " + setting.getValue());
      }
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("ANALYZE turns");
      s.execute("PREPARE complete AS " + PendingTurns.COMPLETE_MANY);
      try (ResultSet plan =
          s.executeQuery(
              "EXPLAIN (FORMAT JSON) EXECUTE complete('{}', '{}', '{}', '{}', '{}', 'pending',"
                  + " '{}')")) {
        plan.next();
        scans = scansOf(new JsonArray(plan.getString(1)).getJsonObject(0).getJsonObject("Plan"));
      }
    }

    List<JsonObject> ofTurns =
        scans.stream().filter(n -> "turns".equals(n.getString("Relation Name"))).toList();
    assertThat(ofTurns).as("the plan's scans: %s", scans).isNotEmpty();
    for (JsonObject scan : ofTurns) {
      assertThat(scan.getString("Index Cond"))
          .as("a scan of turns without the ids to look up: %s", scan)
          .contains("id = ANY");
    }
  }

  /** The plan's scan nodes (those that name a relation), depth first. */
  private static List<JsonObject> scansOf(JsonObject node) {
    List<JsonObject> scans = new ArrayList<>();
    if (node.containsKey("Relation Name") && !"ModifyTable".equals(node.getString("Node Type"))) {
      scans.add(node);
    }
    JsonArray children = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < children.size(); i++) {
      scans.addAll(scansOf(children.getJsonObject(i)));
    }
    return scans;
  }
}
