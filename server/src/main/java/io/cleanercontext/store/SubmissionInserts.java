package io.cleanercontext.store;

import io.cleanercontext.contract.TurnSubmission;
import io.cleanercontext.store.IdempotencyKeys.Claim;
import io.cleanercontext.store.IdempotencyKeys.Idempotency;
import io.cleanercontext.store.IdempotencyKeys.Replay;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores submissions (one request's turns each) as pending turns, claiming their idempotency keys
 * in the same transaction: ingest's statements.
 */
public final class SubmissionInserts {
  private final Pool pool;

  public SubmissionInserts(Pool pool) {
    this.pool = pool;
  }

  /**
   * A stored pending turn: its seq, creation time, the conversation's window for it and the version
   * of the conversation's keyterms when it was accepted.
   */
  public record Accepted(long seq, OffsetDateTime createdAt, int windowSize, int keytermsVersion) {}

  /** The turns of one submission (one request), with its idempotency key or null. */
  public record InsertGroup(List<TurnSubmission> turns, Idempotency idempotency) {}

  /**
   * What became of a group: stored now ({@code accepted}, one per turn, null entries when the
   * tenant has no such conversation), or its key was claimed before ({@code replay}: nothing
   * stored).
   */
  public record GroupResult(List<Accepted> accepted, Replay replay) {}

  /**
   * Stores many turns in one round trip and one transaction; results in the order of {@code
   * submissions}, null where the submitter's tenant has no such conversation.
   */
  public Future<List<Accepted>> insertPending(List<TurnSubmission> submissions) {
    return TurnInserts.insertPending(pool, submissions);
  }

  /**
   * Stores groups of turns as {@link #insertPending} does, all in one transaction. Groups without a
   * key cost exactly what {@link #insertPending} costs; when some have one, the keys are claimed
   * first in the same transaction, so a key's row commits with its turns or not at all, and a group
   * whose key was claimed before stores nothing and gets the first answer.
   */
  public Future<List<GroupResult>> insertGroups(List<InsertGroup> groups) {
    if (groups.stream().allMatch(g -> g.idempotency() == null)) {
      return TurnInserts.insertPending(pool, flatten(groups))
          .map(accepted -> cut(groups, accepted));
    }
    List<Claim> claims = new ArrayList<>();
    Map<String, Integer> firstOfKey = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      InsertGroup group = groups.get(g);
      if (group.idempotency() != null) {
        TurnSubmission first = group.turns().get(0);
        Claim claim =
            new Claim(first.tenant(), first.conversationId(), group.idempotency(), group.turns());
        // The same key twice in one batch: only the first claims it, the others look it up after.
        firstOfKey.putIfAbsent(claim.id(), g);
        claims.add(claim);
      } else {
        claims.add(null);
      }
    }
    List<Claim> toClaim = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (claims.get(g) != null && firstOfKey.get(claims.get(g).id()) == g) {
        toClaim.add(claims.get(g));
      }
    }
    return pool.withTransaction(
        conn ->
            IdempotencyKeys.claim(conn, toClaim)
                .compose(claimed -> insertClaimed(conn, groups, claims, firstOfKey, claimed)));
  }

  /**
   * Inside the transaction, once the keys are claimed: stores the groups without a key or with a
   * key claimed now, and reads the first answers of the others.
   */
  private static Future<List<GroupResult>> insertClaimed(
      SqlConnection conn,
      List<InsertGroup> groups,
      List<Claim> claims,
      Map<String, Integer> firstOfKey,
      Set<String> claimed) {
    List<InsertGroup> fresh = new ArrayList<>();
    List<Integer> replayed = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      Claim claim = claims.get(g);
      if (claim == null || (claimed.contains(claim.id()) && firstOfKey.get(claim.id()) == g)) {
        fresh.add(groups.get(g));
      } else {
        replayed.add(g);
      }
    }
    return TurnInserts.insertPending(conn, flatten(fresh))
        .compose(
            accepted -> {
              List<GroupResult> freshResults = cut(fresh, accepted);
              Future<List<Replay>> replays =
                  replayed.isEmpty()
                      ? Future.succeededFuture(List.of())
                      : IdempotencyKeys.lookup(conn, replayed.stream().map(claims::get).toList());
              return replays.map(found -> merge(groups, freshResults, replayed, found));
            });
  }

  /** The results in the groups' order: stored ones and, at {@code replayed}, the first answers. */
  private static List<GroupResult> merge(
      List<InsertGroup> groups,
      List<GroupResult> freshResults,
      List<Integer> replayed,
      List<Replay> found) {
    List<GroupResult> out = new ArrayList<>(groups.size());
    int f = 0;
    int r = 0;
    for (int g = 0; g < groups.size(); g++) {
      if (r < replayed.size() && replayed.get(r) == g) {
        Replay replay = found.get(r++);
        out.add(
            replay != null
                ? new GroupResult(null, replay)
                : new GroupResult(
                    Collections.nCopies(groups.get(g).turns().size(), (Accepted) null), null));
      } else {
        out.add(freshResults.get(f++));
      }
    }
    return out;
  }

  private static List<TurnSubmission> flatten(List<InsertGroup> groups) {
    List<TurnSubmission> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.turns()));
    return all;
  }

  private static List<GroupResult> cut(List<InsertGroup> groups, List<Accepted> accepted) {
    List<GroupResult> out = new ArrayList<>(groups.size());
    int at = 0;
    for (InsertGroup group : groups) {
      out.add(
          new GroupResult(new ArrayList<>(accepted.subList(at, at + group.turns().size())), null));
      at += group.turns().size();
    }
    return out;
  }
}
