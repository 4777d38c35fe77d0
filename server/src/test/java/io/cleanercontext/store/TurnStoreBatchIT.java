package io.cleanercontext.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.config.DatabaseSettings;
import io.cleanercontext.contract.CleanedTurn;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.contract.TurnToClean;
import io.cleanercontext.store.PendingTurns.PendingRange;
import io.cleanercontext.store.SubmissionInserts.Accepted;
import io.cleanercontext.support.TestDatabase;
import io.cleanercontext.telemetry.ProductMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batched statements of the hot path against a real PostgreSQL: same results as one by one, all
 * or nothing.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class TurnStoreBatchIT {
  private String url;
  private Pool pool;
  private TurnStore turns;
  private SubmissionInserts inserts;
  private PendingTurns pendingTurns;
  private String first;
  private String second;

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext test) {
    url = TestDatabase.freshDatabaseUrl();
    Database.start(vertx, DatabaseSettings.from(new JsonObject().put("url", url)))
        .compose(
            db -> {
              pool = Database.hotPathPool(vertx, url, 2, "test-" + UUID.randomUUID());
              turns = new TurnStore(pool);
              inserts = new SubmissionInserts(pool);
              pendingTurns = new PendingTurns(pool);
              ConversationStore conversations = new ConversationStore(pool);
              return Future.all(
                  conversations.create("default", "first", new JsonObject(), 10, List.of()),
                  conversations.create("default", "second", new JsonObject(), 10, List.of()));
            })
        .onComplete(
            test.succeeding(
                all -> {
                  first = all.<ConversationRow>resultAt(0).id().toString();
                  second = all.<ConversationRow>resultAt(1).id().toString();
                  test.completeNow();
                }));
  }

  @AfterEach
  void tearDown(VertxTestContext test) {
    pool.close().onComplete(test.succeedingThenComplete());
  }

  /** The turns as clients see them, null for null. */
  private static List<JsonObject> json(List<StoredTurn> turns) {
    List<JsonObject> list = new java.util.ArrayList<>(turns.size());
    turns.forEach(t -> list.add(t == null ? null : t.toJson()));
    return list;
  }

  private TurnSubmission turn(String conversationId, String text) {
    return turn(UUID.randomUUID().toString(), conversationId, text);
  }

  private static TurnSubmission turn(String turnId, String conversationId, String text) {
    return new TurnSubmission(
        turnId,
        conversationId,
        "User",
        Speaker.USER,
        text,
        "full",
        null,
        null,
        System.currentTimeMillis(),
        "default",
        List.of());
  }

  @Test
  void aBatchGivesSeqsInArrivalOrderPerConversationAndNullForAnUnknownConversation(
      VertxTestContext test) {
    TurnSubmission a = turn(first, "a");
    TurnSubmission b = turn(second, "b");
    TurnSubmission c = turn(first, "c");
    TurnSubmission stray = turn(UUID.randomUUID().toString(), "nowhere");
    inserts
        .insertPending(List.of(a, b, stray, c))
        .onComplete(
            test.succeeding(
                accepted ->
                    test.verify(
                        () -> {
                          assertThat(accepted).hasSize(4);
                          assertThat(accepted.get(0).seq()).isEqualTo(1);
                          assertThat(accepted.get(1).seq()).isEqualTo(1);
                          assertThat(accepted.get(2)).isNull();
                          assertThat(accepted.get(3).seq()).isEqualTo(2);
                          assertThat(
                                  TestDatabase.query(
                                      url,
                                      "SELECT raw_text, seq FROM turns WHERE conversation_id = '"
                                          + first
                                          + "' ORDER BY seq"))
                              .containsExactly(List.of("a", 1L), List.of("c", 2L));
                          test.completeNow();
                        })));
  }

  @Test
  void aTurnOfAnotherTenantIsNotStoredAndTakesNoSeq(VertxTestContext test) {
    TurnSubmission mine = turn(first, "mine");
    TurnSubmission theirs =
        new TurnSubmission(
            UUID.randomUUID().toString(),
            first,
            "User",
            Speaker.USER,
            "theirs",
            "full",
            null,
            null,
            System.currentTimeMillis(),
            "other-tenant",
            List.of());
    inserts
        .insertPending(List.of(theirs, mine, turn(first, "mine too")))
        .onComplete(
            test.succeeding(
                accepted ->
                    test.verify(
                        () -> {
                          assertThat(accepted.get(0)).isNull();
                          assertThat(accepted.get(1).seq()).isEqualTo(1);
                          assertThat(accepted.get(2).seq()).isEqualTo(2);
                          assertThat(
                                  TestDatabase.query(
                                      url,
                                      "SELECT last_seq FROM conversations WHERE id = '"
                                          + first
                                          + "'"))
                              .containsExactly(List.of(2L));
                          test.completeNow();
                        })));
  }

  @Test
  void aTurnThatSetsTheWindowAppliesItFromThatTurnOn(VertxTestContext test) {
    TurnSubmission before = turn(first, "before");
    TurnSubmission setting =
        new TurnSubmission(
            UUID.randomUUID().toString(),
            first,
            "User",
            Speaker.USER,
            "sets 4",
            "full",
            4,
            null,
            System.currentTimeMillis(),
            "default",
            List.of());
    TurnSubmission after = turn(first, "after");
    inserts
        .insertPending(List.of(before, setting, after))
        .compose(v -> inserts.insertPending(List.of(turn(first, "later"), turn(second, "other"))))
        .onComplete(
            test.succeeding(
                accepted ->
                    test.verify(
                        () -> {
                          assertThat(
                                  TestDatabase.query(
                                      url,
                                      "SELECT raw_text, seq, window_size FROM turns WHERE conversation_id = '"
                                          + first
                                          + "' ORDER BY seq"))
                              .containsExactly(
                                  List.of("before", 1L, 10),
                                  List.of("sets 4", 2L, 4),
                                  List.of("after", 3L, 4),
                                  List.of("later", 4L, 4));
                          assertThat(accepted.get(0).windowSize()).isEqualTo(4);
                          assertThat(accepted.get(1).windowSize()).isEqualTo(10);
                          test.completeNow();
                        })));
  }

  @Test
  void resultsAreStoredOnceAndComeBackAsTheApiShowsTheTurn(VertxTestContext test) {
    List<TurnSubmission> submitted =
        List.of(turn(first, "um hello"), turn(first, "uh bye"), turn(second, "x"));
    AtomicReference<List<JsonObject>> stored = new AtomicReference<>();
    AtomicReference<List<JsonObject>> storedAgain = new AtomicReference<>();
    inserts
        .insertPending(submitted)
        .compose(
            v ->
                pendingTurns.pendingUpTo(
                    List.of(new PendingRange(first, 0, 2), new PendingRange(second, 0, 1)), 100))
        .compose(
            pending -> {
              TurnToClean hello = pending.get(0).get(0);
              TurnToClean bye = pending.get(0).get(1);
              TurnToClean x = pending.get(1).get(0);
              JsonObject metadata =
                  new JsonObject().put("confidence_score", 0.9).put("corrections", new JsonArray());
              CleanedTurn cleanedHello =
                  new CleanedTurn(first, hello, TurnStatus.CLEANED, "Hello.", metadata, null);
              List<CleanedTurn> completions =
                  List.of(
                      cleanedHello,
                      new CleanedTurn(second, x, TurnStatus.SKIPPED, null, null, null),
                      cleanedHello, // the same turn twice in one batch is stored once
                      new CleanedTurn(
                          first,
                          bye,
                          TurnStatus.FAILED,
                          null,
                          new JsonObject().put("attempts", 3),
                          "boom"));
              return pendingTurns
                  .complete(completions)
                  .compose(
                      list -> {
                        stored.set(json(list));
                        return pendingTurns.complete(List.of(completions.get(0)));
                      });
            })
        .compose(
            again -> {
              storedAgain.set(json(again));
              return Future.all(
                  turns.page("default", UUID.fromString(first), 0, 10),
                  turns.page("default", UUID.fromString(second), 0, 10));
            })
        .onComplete(
            test.succeeding(
                pages ->
                    test.verify(
                        () -> {
                          JsonArray firstPage =
                              new JsonArray(json(pages.<List<StoredTurn>>resultAt(0)));
                          JsonArray secondPage =
                              new JsonArray(json(pages.<List<StoredTurn>>resultAt(1)));
                          assertThat(stored.get()).hasSize(4);
                          assertThat(stored.get().get(2)).isNull();
                          assertThat(storedAgain.get())
                              .containsExactly((JsonObject) null); // no longer pending
                          // What the worker publishes is what the API shows for the turn.
                          assertThat(stored.get().get(0)).isEqualTo(firstPage.getJsonObject(0));
                          assertThat(stored.get().get(1)).isEqualTo(secondPage.getJsonObject(0));
                          assertThat(stored.get().get(3)).isEqualTo(firstPage.getJsonObject(1));
                          assertThat(stored.get().get(3).getString("status")).isEqualTo("failed");
                          assertThat(stored.get().get(0).getString("processed_at")).isNotNull();
                          test.completeNow();
                        })));
  }

  /**
   * The plan PostgreSQL would keep for each hot statement if it were made now, on nearly empty
   * tables: key lookups only, never a scan of a table that grows (see Database.hotPathPool).
   */
  @Test
  void theHotStatementsKeepKeyLookupPlansMadeOnAnEmptyTable(VertxTestContext test) {
    List<String> statements =
        List.of(
            TurnInserts.INSERT_PENDING_MANY,
            PendingTurns.PENDING_UP_TO_MANY,
            PendingTurns.COMPLETE_MANY);
    pool.withConnection(
            conn -> {
              Future<List<String>> plans =
                  conn.query("SET plan_cache_mode = force_generic_plan")
                      .execute()
                      .map(v -> List.of());
              for (int i = 0; i < statements.size(); i++) {
                String name = "plan_" + i;
                String sql = statements.get(i);
                int params =
                    (int)
                        java.util.regex.Pattern.compile("\\$\\d+")
                            .matcher(sql)
                            .results()
                            .map(m -> m.group())
                            .distinct()
                            .count();
                String nulls = String.join(", ", java.util.Collections.nCopies(params, "NULL"));
                plans =
                    plans.compose(
                        done ->
                            conn.query("PREPARE " + name + " AS " + sql)
                                .execute()
                                .compose(
                                    v ->
                                        conn.query("EXPLAIN EXECUTE " + name + "(" + nulls + ")")
                                            .execute())
                                .map(
                                    rows -> {
                                      StringBuilder plan = new StringBuilder();
                                      rows.forEach(
                                          row -> plan.append(row.getString(0)).append('\n'));
                                      List<String> all = new java.util.ArrayList<>(done);
                                      all.add(plan.toString());
                                      return all;
                                    }));
              }
              return plans;
            })
        .onComplete(
            test.succeeding(
                plans ->
                    test.verify(
                        () -> {
                          assertThat(plans).hasSize(3);
                          for (String plan : plans) {
                            assertThat(plan)
                                .doesNotContain("Seq Scan")
                                .doesNotContain("Hash Join")
                                .contains("Index");
                          }
                          test.completeNow();
                        })));
  }

  /**
   * Each turn records the keyterms version it was accepted under, in both insert statements and the
   * pending read.
   */
  @Test
  void turnsCarryTheKeytermsVersionTheyWereAcceptedUnder(VertxTestContext test) {
    ConversationStore conversations = new ConversationStore(pool);
    TurnSubmission windowed =
        new TurnSubmission(
            UUID.randomUUID().toString(),
            first,
            "User",
            Speaker.USER,
            "sets 4",
            "full",
            4,
            null,
            System.currentTimeMillis(),
            "default",
            List.of());
    AtomicReference<List<Accepted>> before = new AtomicReference<>();
    AtomicReference<List<Accepted>> many = new AtomicReference<>();
    AtomicReference<List<Accepted>> single = new AtomicReference<>();
    inserts
        .insertPending(List.of(turn(first, "before")))
        .compose(
            accepted -> {
              before.set(accepted);
              return conversations.replaceKeyterms(
                  "default", UUID.fromString(first), List.of("Copperleaf"));
            })
        .compose(
            v ->
                conversations.replaceKeyterms(
                    "default", UUID.fromString(first), List.of("Copperleaf", "HubSpot")))
        .compose(v -> inserts.insertPending(List.of(turn(first, "after"), turn(second, "other"))))
        .compose(
            accepted -> {
              many.set(accepted);
              return inserts.insertPending(List.of(windowed));
            })
        .compose(
            accepted -> {
              single.set(accepted);
              return Future.all(
                  pendingTurns.pendingUpTo(List.of(new PendingRange(first, 0, 10)), 100),
                  conversations.versionedKeyterms(first));
            })
        .onComplete(
            test.succeeding(
                all ->
                    test.verify(
                        () -> {
                          assertThat(before.get().get(0).keytermsVersion()).isZero();
                          assertThat(many.get().get(0).keytermsVersion()).isEqualTo(2);
                          assertThat(many.get().get(1).keytermsVersion())
                              .as("another conversation's keyterms")
                              .isZero();
                          assertThat(single.get().get(0).keytermsVersion()).isEqualTo(2);
                          List<TurnToClean> pending =
                              all.<List<List<TurnToClean>>>resultAt(0).get(0);
                          assertThat(pending.stream().map(p -> p.keytermsVersion()).toList())
                              .containsExactly(0, 2, 2);
                          ConversationStore.VersionedKeyterms current = all.resultAt(1);
                          assertThat(current.keyterms()).containsExactly("Copperleaf", "HubSpot");
                          assertThat(current.version()).isEqualTo(2);
                          test.completeNow();
                        })));
  }

  @Test
  void aBatchWithOneBadTurnStoresNothing(VertxTestContext test) {
    TurnSubmission a = turn(first, "a");
    inserts
        .insertPending(List.of(a))
        .compose(
            v ->
                inserts.insertPending(
                    List.of(turn(first, "new"), turn(a.turnId(), first, "duplicate id"))))
        .onComplete(
            test.failing(
                e ->
                    test.verify(
                        () -> {
                          assertThat(e.getMessage()).contains("duplicate key");
                          assertThat(TestDatabase.query(url, "SELECT raw_text FROM turns"))
                              .containsExactly(List.of("a"));
                          assertThat(
                                  TestDatabase.query(
                                      url,
                                      "SELECT last_seq FROM conversations WHERE id = '"
                                          + first
                                          + "'"))
                              .containsExactly(List.of(1L));
                          test.completeNow();
                        })));
  }

  @Test
  void pendingTurnsOfManyConversationsInOneStatement(VertxTestContext test) {
    List<TurnSubmission> stored =
        List.of(turn(first, "a"), turn(first, "b"), turn(first, "c"), turn(second, "x"));
    inserts
        .insertPending(stored)
        .compose(
            v ->
                pendingTurns.pendingUpTo(
                    List.of(
                        new PendingRange(first, 0, 2),
                        new PendingRange(UUID.randomUUID().toString(), 0, 9),
                        new PendingRange(second, 0, 5),
                        new PendingRange(first, 1, 3)),
                    100))
        .onComplete(
            test.succeeding(
                lists ->
                    test.verify(
                        () -> {
                          assertThat(lists).hasSize(4);
                          assertThat(lists.get(0).stream().map(t -> t.rawText()).toList())
                              .containsExactly("a", "b");
                          assertThat(lists.get(1)).isEmpty();
                          assertThat(lists.get(2).stream().map(p -> p.seq()).toList())
                              .containsExactly(1L);
                          assertThat(lists.get(3).stream().map(t -> t.rawText()).toList())
                              .containsExactly("b", "c");
                          test.completeNow();
                        })));
  }

  @Test
  void theCoalescedStoreAnswersEachCallerWithItsOwnRows(Vertx vertx, VertxTestContext test) {
    var context = vertx.getOrCreateContext();
    context.runOnContext(
        v -> {
          CoalescedTurnStore coalesced =
              new CoalescedTurnStore(
                  context, pool, 1, ProductMetrics.create(Duration.ofMinutes(1)));
          List<Future<Accepted>> accepted = new java.util.ArrayList<>();
          for (int i = 0; i < 20; i++) {
            accepted.add(
                coalesced
                    .insertPending(List.of(turn(i % 2 == 0 ? first : second, "t" + i)))
                    .map(l -> l.get(0)));
          }
          // A group (a batch submission) is stored in its order, with the singles around it.
          Future<List<Accepted>> group =
              coalesced.insertPending(
                  List.of(turn(second, "g1"), turn(second, "g2"), turn(second, "g3")));
          TurnSubmission duplicate = turn(first, "dup");
          Future<List<Accepted>> dupFirst = coalesced.insertPending(List.of(duplicate));
          // A group holding the duplicate fails as a whole: its other turn is not stored either.
          Future<List<Accepted>> dupInGroup =
              coalesced.insertPending(List.of(turn(first, "lost with the duplicate"), duplicate));
          Future.join(Future.all(accepted), group, dupFirst, dupInGroup)
              .onComplete(
                  ar ->
                      test.verify(
                          () -> {
                            assertThat(Future.all(accepted).succeeded()).isTrue();
                            for (int i = 0; i < 20; i++) {
                              assertThat(accepted.get(i).result().seq()).isEqualTo(i / 2 + 1);
                            }
                            assertThat(group.result().stream().map(Accepted::seq).toList())
                                .containsExactly(11L, 12L, 13L);
                            // The failing group fails alone; everyone else's turns are stored.
                            assertThat(dupFirst.succeeded()).isTrue();
                            assertThat(dupInGroup.failed()).isTrue();
                            assertThat(TestDatabase.query(url, "SELECT count(*) FROM turns"))
                                .containsExactly(List.of(24L));
                            assertThat(
                                    TestDatabase.query(
                                        url,
                                        "SELECT count(*) FROM turns WHERE raw_text = 'lost with the duplicate'"))
                                .containsExactly(List.of(0L));
                            test.completeNow();
                          }));
        });
  }
}
