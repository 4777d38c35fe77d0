package io.cleanercontext.realtime;

import io.cleanercontext.contract.EventTypes;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnEvents;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's feed of a conversation's events, resumable from a seq: the algorithm shared by the
 * WebSocket {@link Subscriber}, the TCP bridge's and the SockJS bridge's registrations with {@code
 * since}. The subscription is made first; while the stored turns after {@code since} are replayed,
 * live events are buffered; then the buffer is flushed. A turn event whose seq was already sent is
 * dropped, and a live turn ahead of the next seq (its predecessors stored, their events lost with a
 * node) fills the gap from the store first: every turn once, in seq order. Only turn events carry a
 * seq ({@link EventTypes#carriesSeq}); every other event passes through in order of arrival.
 *
 * <p>A subclass rather than a member, so that a {@link Subscriber} (thousands per node) pays no
 * extra object for it. Confined to one event loop.
 */
abstract class ResumableFeed {
  static final int REPLAY_PAGE = 500;

  /** Whether the client asked to resume from a seq; gaps are filled only then or once live. */
  private final boolean resuming;

  /** Live events held while replaying, or null when live. */
  private List<JsonObject> buffered;

  private long lastSent;

  /** Highest live seq for which a gap before it was already filled from the store. */
  private long gapFilledUpTo;

  /**
   * @param since the seq to resume after (live events are buffered from now on until {@link
   *     #replay} is done), or -1 for live events only
   */
  ResumableFeed(long since) {
    this.resuming = since >= 0;
    this.lastSent = Math.max(since, 0);
    if (resuming) {
      buffered = new ArrayList<>();
    }
  }

  /** The stored turns of the conversation with seq above {@code after}, at most {@code limit}. */
  abstract Future<List<StoredTurn>> storedAfter(long after, int limit);

  /**
   * Sends one event to the client; {@code encoded} is its text when already encoded, else null;
   * {@code live} is false for replayed turns and the replay's end.
   */
  abstract void emit(JsonObject event, String encoded, boolean live);

  /** Whether the client is gone (nothing more to read or send). */
  abstract boolean stopped();

  /** The store could not be read, or too many live events waited: the feed cannot go on. */
  abstract void fail(String reason);

  /** How many live events may wait for a replay; past it the feed fails. */
  int maxBuffered() {
    return Integer.MAX_VALUE;
  }

  final boolean resuming() {
    return resuming;
  }

  final long lastSent() {
    return lastSent;
  }

  /** Replays the stored turns after the resume point, then flushes what waited; ends the replay. */
  final void replay() {
    replayFrom(lastSent, true);
  }

  /** A live event, with its text when already encoded (else null). */
  final void onEvent(JsonObject event, String encoded) {
    if (buffered == null) {
      deliver(event, encoded);
    } else if (buffered.size() >= maxBuffered()) {
      fail("more than " + maxBuffered() + " live events waited for the replay");
    } else {
      buffered.add(event);
    }
  }

  /** Drops what waits (the client is gone). */
  final void discard() {
    buffered = null;
  }

  private void replayFrom(long after, boolean announce) {
    storedAfter(after, REPLAY_PAGE)
        .onSuccess(
            page -> {
              if (stopped()) {
                return;
              }
              for (int i = 0; i < page.size(); i++) {
                deliver(TurnEvents.of(page.get(i)).put("replayed", true), null);
              }
              if (page.size() == REPLAY_PAGE) {
                replayFrom(lastSent, announce);
                return;
              }
              List<JsonObject> live = buffered;
              buffered = null;
              for (JsonObject event : live) {
                if (buffered != null) {
                  buffered.add(event); // a gap was found: replaying again
                } else {
                  deliver(event, null);
                }
              }
              if (announce) {
                emit(
                    new JsonObject()
                        .put("type", EventTypes.REPLAY_COMPLETE)
                        .put("last_seq", lastSent),
                    null,
                    false);
              }
            })
        .onFailure(e -> fail("cannot replay missed turns"));
  }

  private void deliver(JsonObject event, String encoded) {
    if (!EventTypes.carriesSeq(event.getString("type"))) {
      emit(event, encoded, true);
      return;
    }
    long seq = event.getLong("seq", 0L);
    if (seq <= lastSent) {
      return;
    }
    boolean replayed = event.getBoolean("replayed", false);
    if (!replayed && seq > lastSent + 1 && seq > gapFilledUpTo && (resuming || lastSent > 0)) {
      // A live turn ahead of the next seq: the turns between were stored but their events never
      // came (in a cluster, the node that cleaned them died before publishing). Fill the gap from
      // the store first, buffering live events meanwhile, as a resume does.
      gapFilledUpTo = seq;
      buffered = new ArrayList<>();
      buffered.add(event);
      replayFrom(lastSent, false);
      return;
    }
    lastSent = seq;
    emit(event, encoded, !replayed);
  }
}
