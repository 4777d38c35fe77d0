package io.cleanercontext.store;

import io.cleanercontext.contract.StoredTurn;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A conversation's whole transcript in one read, for the export route and the {@code
 * conversation.completed} webhook: the conversation, its turns in order, and each turn's recognised
 * words when its source gave them (the {@code words} of a voice-pipeline turn, read through {@code
 * to_jsonb} so the statement does not depend on that column existing).
 */
public final class Transcripts {
  private static final String TURNS =
      "SELECT t.id, t.conversation_id, t.seq, t.speaker, t.role, t.raw_text, t.requested_level,"
          + " t.status, t.cleaned_text, t.metadata, t.error, t.attempts, t.received_at,"
          + " t.created_at, t.processed_at, to_jsonb(t) -> 'words' AS words"
          + " FROM turns t WHERE t.conversation_id = $1 AND t.seq <= $2"
          + " AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = $1 AND c.tenant = $3)"
          + " ORDER BY t.seq LIMIT $4";

  private static final String BY_IDS =
      "SELECT t.id, t.conversation_id, t.seq, t.speaker, t.role, t.raw_text, t.requested_level,"
          + " t.status, t.cleaned_text, t.metadata, t.error, t.attempts, t.received_at,"
          + " t.created_at, t.processed_at, to_jsonb(t) -> 'words' AS words"
          + " FROM turns t WHERE t.id = ANY($1)";

  private final Pool pool;
  private final ConversationStore conversations;

  public Transcripts(Pool pool) {
    this.pool = pool;
    this.conversations = new ConversationStore(pool);
  }

  /** The turns with these ids (one statement for a batch of webhook deliveries), by id. */
  public Future<Map<UUID, StoredTurn>> byIds(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(BY_IDS)
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, StoredTurn> turns = new HashMap<>();
              rows.forEach(row -> turns.put(row.getUUID("id"), TurnStore.storedTurn(row)));
              return turns;
            });
  }

  /**
   * A transcript: the turns, in order, and for each its recognised words (null when none).
   *
   * @param truncated true when the conversation has more turns than were read
   */
  public record Transcript(
      ConversationRow conversation,
      List<StoredTurn> turns,
      List<JsonArray> words,
      boolean truncated) {}

  /**
   * The tenant's conversation's turns up to {@code uptoSeq} (at most {@code maxTurns}), or null
   * when the tenant has no such conversation.
   */
  public Future<Transcript> read(String tenant, UUID id, long uptoSeq, int maxTurns) {
    return conversations
        .find(tenant, id)
        .compose(
            conversation -> {
              if (conversation == null) {
                return Future.succeededFuture(null);
              }
              return pool.preparedQuery(TURNS)
                  .execute(Tuple.of(id, uptoSeq, tenant, maxTurns + 1))
                  .map(
                      rows -> {
                        List<StoredTurn> turns = new ArrayList<>(rows.size());
                        List<JsonArray> words = new ArrayList<>(rows.size());
                        for (Row row : rows) {
                          if (turns.size() == maxTurns) {
                            break;
                          }
                          turns.add(TurnStore.storedTurn(row));
                          Object w = row.getValue("words");
                          words.add(w instanceof JsonArray array ? array : null);
                        }
                        return new Transcript(conversation, turns, words, rows.size() > maxTurns);
                      });
            });
  }
}
