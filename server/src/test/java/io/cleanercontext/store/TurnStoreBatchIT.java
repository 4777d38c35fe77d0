package io.cleanercontext.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.store.TurnStore.Accepted;
import io.cleanercontext.store.TurnStore.Pending;
import io.cleanercontext.store.TurnStore.PendingQuery;
import io.cleanercontext.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batched statements of the hot path against a real PostgreSQL: same results as one by one, all or nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TurnStoreBatchIT {
  private String url;
  private Pool pool;
  private TurnStore turns;
  private String first;
  private String second;

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext test) {
    url = TestDatabase.freshDatabaseUrl();
    Database.start(vertx, new JsonObject().put("url", url)).compose(db -> {
      pool = Database.pool(vertx, url, 2, "test-" + UUID.randomUUID());
      turns = new TurnStore(pool);
      ConversationStore conversations = new ConversationStore(pool);
      return Future.all(conversations.create("default", "first", new JsonObject(), 10),
          conversations.create("default", "second", new JsonObject(), 10));
    }).onComplete(test.succeeding(all -> {
      first = all.<JsonObject>resultAt(0).getString("id");
      second = all.<JsonObject>resultAt(1).getString("id");
      test.completeNow();
    }));
  }

  @AfterEach
  void tearDown(VertxTestContext test) {
    pool.close().onComplete(test.succeedingThenComplete());
  }

  private TurnSubmission turn(String conversationId, String text) {
    return turn(UUID.randomUUID().toString(), conversationId, text);
  }

  private static TurnSubmission turn(String turnId, String conversationId, String text) {
    return new TurnSubmission(turnId, conversationId, "User", "user", text, "full", null, null,
        System.currentTimeMillis(), "default");
  }

  @Test
  void aBatchGivesSeqsInArrivalOrderPerConversationAndNullForAnUnknownConversation(VertxTestContext test) {
    TurnSubmission a = turn(first, "a");
    TurnSubmission b = turn(second, "b");
    TurnSubmission c = turn(first, "c");
    TurnSubmission stray = turn(UUID.randomUUID().toString(), "nowhere");
    turns.insertPending(List.of(a, b, stray, c)).onComplete(test.succeeding(accepted -> test.verify(() -> {
      assertThat(accepted).hasSize(4);
      assertThat(accepted.get(0).seq()).isEqualTo(1);
      assertThat(accepted.get(1).seq()).isEqualTo(1);
      assertThat(accepted.get(2)).isNull();
      assertThat(accepted.get(3).seq()).isEqualTo(2);
      assertThat(TestDatabase.query(url, "SELECT raw_text, seq FROM turns WHERE conversation_id = '" + first + "' ORDER BY seq"))
          .containsExactly(List.of("a", 1L), List.of("c", 2L));
      test.completeNow();
    })));
  }

  @Test
  void aBatchWithOneBadTurnStoresNothing(VertxTestContext test) {
    TurnSubmission a = turn(first, "a");
    turns.insertPending(List.of(a))
        .compose(v -> turns.insertPending(List.of(turn(first, "new"), turn(a.turnId(), first, "duplicate id"))))
        .onComplete(test.failing(e -> test.verify(() -> {
          assertThat(e.getMessage()).contains("duplicate key");
          assertThat(TestDatabase.query(url, "SELECT raw_text FROM turns")).containsExactly(List.of("a"));
          assertThat(TestDatabase.query(url, "SELECT last_seq FROM conversations WHERE id = '" + first + "'"))
              .containsExactly(List.of(1L));
          test.completeNow();
        })));
  }

  @Test
  void pendingTurnsOfManyConversationsInOneStatement(VertxTestContext test) {
    List<TurnSubmission> stored = List.of(turn(first, "a"), turn(first, "b"), turn(first, "c"), turn(second, "x"));
    turns.insertPending(stored)
        .compose(v -> turns.pendingUpTo(List.of(new PendingQuery(first, 2), new PendingQuery(UUID.randomUUID().toString(), 9),
            new PendingQuery(second, 5)), 100))
        .onComplete(test.succeeding(lists -> test.verify(() -> {
          assertThat(lists).hasSize(3);
          assertThat(lists.get(0).stream().map(Pending::turn).map(t -> t.rawText()).toList()).containsExactly("a", "b");
          assertThat(lists.get(1)).isEmpty();
          assertThat(lists.get(2).stream().map(p -> p.turn().seq()).toList()).containsExactly(1L);
          test.completeNow();
        })));
  }

  @Test
  void theCoalescedStoreAnswersEachCallerWithItsOwnRows(Vertx vertx, VertxTestContext test) {
    var context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      CoalescedTurnStore coalesced = new CoalescedTurnStore(context, turns, 1,
          io.cleanercontext.metrics.ProductMetrics.of(vertx));
      List<Future<Accepted>> accepted = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        accepted.add(coalesced.insertPending(List.of(turn(i % 2 == 0 ? first : second, "t" + i))).map(l -> l.get(0)));
      }
      // A group (a batch submission) is stored in its order, with the singles around it.
      Future<List<Accepted>> group = coalesced.insertPending(List.of(turn(second, "g1"), turn(second, "g2"),
          turn(second, "g3")));
      TurnSubmission duplicate = turn(first, "dup");
      Future<List<Accepted>> dupFirst = coalesced.insertPending(List.of(duplicate));
      // A group holding the duplicate fails as a whole: its other turn is not stored either.
      Future<List<Accepted>> dupInGroup = coalesced.insertPending(List.of(turn(first, "lost with the duplicate"),
          duplicate));
      Future.join(Future.all(accepted), group, dupFirst, dupInGroup).onComplete(ar -> test.verify(() -> {
        assertThat(Future.all(accepted).succeeded()).isTrue();
        for (int i = 0; i < 20; i++) {
          assertThat(accepted.get(i).result().seq()).isEqualTo(i / 2 + 1);
        }
        assertThat(group.result().stream().map(Accepted::seq).toList()).containsExactly(11L, 12L, 13L);
        // The failing group fails alone; everyone else's turns are stored.
        assertThat(dupFirst.succeeded()).isTrue();
        assertThat(dupInGroup.failed()).isTrue();
        assertThat(TestDatabase.query(url, "SELECT count(*) FROM turns")).containsExactly(List.of(24L));
        assertThat(TestDatabase.query(url, "SELECT count(*) FROM turns WHERE raw_text = 'lost with the duplicate'"))
            .containsExactly(List.of(0L));
        test.completeNow();
      }));
    });
  }
}
