package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.config.WebhookSettings;
import io.cleanercontext.store.Database;
import io.cleanercontext.store.WebhookDeliveries;
import io.cleanercontext.store.WebhookDeliveries.Attempt;
import io.cleanercontext.store.WebhookLines;
import io.cleanercontext.store.WebhookLines.Line;
import io.cleanercontext.store.WebhookLines.Released;
import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.support.WebhookReceiver;
import io.cleanercontext.support.WebhookReceiver.Answer;
import io.cleanercontext.support.WebhookReceiver.Received;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The webhook sender finds its work through lines (migration V21), so finding it costs the lines
 * with work, not the deliveries waiting behind their heads: a conversation with thousands of events
 * queued does not slow the lease of the others; every due line's head is leased in one statement;
 * giving a line back never waits for the lock of a delivery joining it (no deadlock with the
 * results that add deliveries) and does not lose the line; and two senders on one database keep
 * each line in order.
 */
@Timeout(120)
class WebhookLinesIT {
  private static final String ENDPOINT = "00000000-0000-0000-0000-0000000000e1";
  private static final String BACKLOG_LINE = "00000000-0000-0000-0000-00000000a000";

  private Vertx vertx;
  private String db;
  private Pool pool;

  @BeforeEach
  void migrate() {
    vertx = Vertx.vertx();
    db =
        Database.start(
                vertx,
                DatabaseSettings.from(new JsonObject().put("url", TestDatabase.freshDatabaseUrl())))
            .await()
            .url();
    pool = Database.hotPathPool(vertx, db, 2, "lines-test");
  }

  @AfterEach
  void close() {
    pool.close().await();
    vertx.close().await();
  }

  private void endpoint(String url) {
    TestDatabase.query(
        db,
        "INSERT INTO webhook_endpoints (id, tenant, url, events, secret) VALUES ('"
            + ENDPOINT
            + "', 'default', '"
            + url
            + "', '{webhook.test}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id");
  }

  /** {@code count} pending test events on a line, seq 1.., with their line and seq as payload. */
  private void queue(String line, int count) {
    TestDatabase.query(
        db,
        "INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type, line_key,"
            + " seq, payload) SELECT 'msg_' || gen_random_uuid(), '"
            + ENDPOINT
            + "', 'default', 'webhook.test', '"
            + line
            + "', n, jsonb_build_object('line', '"
            + line
            + "'::text, 'seq', n) FROM generate_series(1, "
            + count
            + ") n RETURNING id");
  }

  private static String line(int i) {
    return String.format("00000000-0000-0000-0000-%012d", i);
  }

  @Test
  void everyDueLineHeadIsLeasedInOneStatementWithoutReadingTheBacklogBehindIt() {
    endpoint("https://example.com/hook");
    queue(BACKLOG_LINE, 5_000);
    for (int i = 1; i <= 50; i++) {
      queue(line(i), 2);
    }

    // One transaction, so PostgreSQL's per-transaction counters show what the lease read.
    record Lease(List<Line> lines, long read) {}
    Lease lease =
        pool.withTransaction(
                conn ->
                    new WebhookLines(conn)
                        .lease(100, 1, 60_000, "test#1")
                        .compose(
                            lines ->
                                conn.query(
                                        "SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0)"
                                            + " AS read FROM pg_stat_xact_user_tables"
                                            + " WHERE relname = 'webhook_deliveries'")
                                    .execute()
                                    .map(
                                        rows ->
                                            new Lease(
                                                lines, rows.iterator().next().getLong("read")))))
            .await();

    assertThat(lease.lines()).hasSize(51);
    assertThat(lease.lines())
        .allSatisfy(
            l -> {
              assertThat(l.deliveries()).hasSize(1);
              assertThat(l.deliveries().get(0).seq()).isEqualTo(1L);
            });
    // The 51 heads, not the 5,049 deliveries queued behind them.
    assertThat(lease.read()).as("webhook_deliveries rows read by the lease").isLessThan(200L);
  }

  @Test
  void aLineLockedByADeliveryJoiningItIsSkippedNotWaitedForAndGivenBackLater() throws Exception {
    endpoint("https://example.com/hook");
    queue(BACKLOG_LINE, 1);
    WebhookDeliveries deliveries = new WebhookDeliveries(pool);
    WebhookLines lines = new WebhookLines(pool);
    Line line = lines.lease(10, 10, 60_000, "test#1").await().get(0);
    long first = line.deliveries().get(0).id();
    deliveries
        .record(
            List.of(
                new Attempt(
                    first,
                    line.endpointId(),
                    1,
                    200,
                    null,
                    3,
                    "ok",
                    WebhookDeliveries.DELIVERED,
                    null)))
        .await();

    try (Connection joining = DriverManager.getConnection(TestDatabase.jdbc(db, null))) {
      joining.setAutoCommit(false);
      try (Statement s = joining.createStatement()) {
        // The next event of the line, not yet committed while the sender gives the line back.
        s.executeUpdate(
            "INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type, line_key,"
                + " seq) VALUES ('msg_joining', '"
                + ENDPOINT
                + "', 'default', 'webhook.test', '"
                + BACKLOG_LINE
                + "', 2)");
      }
      // The insert's trigger holds the line's row lock until commit. Waiting for it while holding
      // other lines deadlocked with the shards' multi-row result statements: the give-back skips
      // it.
      Released skipped = lines.release(List.of(line)).await();
      assertThat(skipped.retry()).containsExactly(line);
      joining.commit();
    }
    Released released = lines.release(List.of(line)).await();
    assertThat(released.retry()).isEmpty();
    assertThat(released.due()).isTrue();

    List<List<Object>> rows =
        TestDatabase.query(
            db, "SELECT line_key::text, lease, next_attempt_at <= now() FROM webhook_lines");
    assertThat(rows).containsExactly(Arrays.asList(BACKLOG_LINE, null, true));
    List<Line> again = lines.lease(10, 10, 60_000, "test#2").await();
    assertThat(again).hasSize(1);
    assertThat(again.get(0).deliveries())
        .extracting(d -> d.messageId())
        .containsExactly("msg_joining");
  }

  @Test
  void twoSendersOnOneDatabaseKeepEveryLineInOrder() {
    WebhookReceiver receiver = new WebhookReceiver(vertx).start().await();
    // Slow enough that both senders hold lines at the same time.
    receiver.answer("/lines", new Answer(200, 2));
    endpoint(receiver.url("/lines"));
    WebhookSettings settings =
        WebhookSettings.from(
            new JsonObject()
                .put("allow_private_destinations", true)
                .put("poll_interval_ms", 10)
                .put("request_timeout_ms", 2_000)
                .put("lease_ms", 10_000)
                .put("max_lines", 8));
    DatabaseSettings database = DatabaseSettings.from(new JsonObject().put("url", db));
    vertx.deployVerticle(new WebhookVerticle(settings, database)).await();
    vertx.deployVerticle(new WebhookVerticle(settings, database)).await();

    int lines = 20;
    int waves = 4;
    int perWave = 15;
    for (int wave = 0; wave < waves; wave++) {
      for (int i = 1; i <= lines; i++) {
        TestDatabase.query(
            db,
            "INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type, line_key,"
                + " seq, payload) SELECT 'msg_' || gen_random_uuid(), '"
                + ENDPOINT
                + "', 'default', 'webhook.test', '"
                + line(i)
                + "', n, jsonb_build_object('line', '"
                + line(i)
                + "'::text, 'seq', n) FROM generate_series("
                + (wave * perWave + 1)
                + ", "
                + (wave + 1) * perWave
                + ") n RETURNING id");
      }
    }
    int total = lines * waves * perWave;
    List<Received> got =
        receiver.await(
            "/lines", list -> list.stream().map(Received::id).distinct().count() >= total, 60_000);

    Map<String, Long> last = new HashMap<>();
    for (Received r : got) {
      JsonObject data = r.json().getJsonObject("data");
      String key = data.getString("line");
      long seq = data.getLong("seq");
      long before = last.getOrDefault(key, 0L);
      // A repeat (at least once) may come again; nothing may overtake an event not yet sent.
      assertThat(seq).as("line " + key + " after seq " + before).isLessThanOrEqualTo(before + 1);
      last.put(key, Math.max(before, seq));
    }
    assertThat(last).hasSize(lines).allSatisfy((k, v) -> assertThat(v).isEqualTo(60L));
    long pendingLines = 1;
    for (int i = 0; i < 100 && pendingLines > 0; i++) {
      pendingLines =
          ((Number) TestDatabase.query(db, "SELECT count(*) FROM webhook_lines").get(0).get(0))
              .longValue();
      sleep(50);
    }
    assertThat(pendingLines).as("lines left after every event was delivered").isZero();
    assertThat(
            TestDatabase.query(
                db, "SELECT count(*) FROM webhook_deliveries WHERE state <> 'delivered'"))
        .containsExactly(List.of(0L));
    receiver.stop().await();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
