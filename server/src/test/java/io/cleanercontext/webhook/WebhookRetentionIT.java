package io.cleanercontext.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.store.Database;
import io.cleanercontext.store.WebhookDeliveries;
import io.cleanercontext.support.TestApp;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finished deliveries older than the retention go, with their attempt logs; recent ones and every
 * pending one, however old, stay.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class WebhookRetentionIT {

  @Test
  void oldFinishedDeliveriesAreRemovedPendingOnesNever(Vertx vertx) {
    TestApp app = TestApp.start(vertx, TestApp.config("memory")).await();
    Pool pool = Database.pool(vertx, app.databaseUrl(), 1, "retention-test");
    try {
      String db = app.databaseUrl();
      TestDatabase.query(
          db,
          "INSERT INTO webhook_endpoints (id, tenant, url, events, secret) VALUES"
              + " ('00000000-0000-0000-0000-000000000001', 'default', 'https://example.com/h',"
              + " '{turn.cleaned}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id");
      TestDatabase.query(
          db,
          "INSERT INTO webhook_deliveries (message_id, endpoint_id, tenant, event_type, line_key,"
              + " state, created_at, next_attempt_at) SELECT 'msg_' || n,"
              + " '00000000-0000-0000-0000-000000000001', 'default', 'webhook.test',"
              + " gen_random_uuid(), s, now() - age, now() + interval '1 day'"
              + " FROM (VALUES (1, 'delivered', interval '8 days'), (2, 'dead', interval '9 days'),"
              + " (3, 'pending', interval '30 days'), (4, 'delivered', interval '1 day'))"
              + " AS v(n, s, age) RETURNING id");
      TestDatabase.query(
          db,
          "INSERT INTO webhook_attempts (delivery_id, attempt, status, latency_ms)"
              + " SELECT id, 1, 200, 5 FROM webhook_deliveries RETURNING id");

      int removed = new WebhookDeliveries(pool).purge(7 * 86_400_000L, 1_000).await();

      assertThat(removed).isEqualTo(2);
      assertThat(TestDatabase.query(db, "SELECT message_id FROM webhook_deliveries ORDER BY id"))
          .containsExactly(List.of("msg_3"), List.of("msg_4"));
      assertThat(TestDatabase.query(db, "SELECT count(*) FROM webhook_attempts"))
          .containsExactly(List.of(2L));
    } finally {
      pool.close().await();
      app.stop().await();
    }
  }
}
