package io.cleanercontext.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.TurnAccepted;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance bodies byte for byte: field names, values and order are what clients of the 202
 * and of the bridge have always read.
 */
class AnswerTest {
  private static final TurnAccepted USER =
      new TurnAccepted("j1", "t1", 7, "c1", 3, Speaker.USER, 1_700_000_000_123L, "redis");
  private static final TurnAccepted AI =
      new TurnAccepted("j2", "t2", 8, "c1", 3, Speaker.AI, 1_700_000_000_124L, "redis");

  private static final String USER_JSON =
      "{\"success\":true,\"job_id\":\"j1\",\"turn_id\":\"t1\",\"seq\":7,\"conversation_id\":\"c1\","
          + "\"partition\":3,\"priority\":\"high\",\"queued_at\":\"2023-11-14T22:13:20.123Z\","
          + "\"queue_backend\":\"redis\"";
  private static final String AI_JSON =
      "{\"success\":true,\"job_id\":\"j2\",\"turn_id\":\"t2\",\"seq\":8,\"conversation_id\":\"c1\","
          + "\"partition\":3,\"priority\":\"normal\",\"queued_at\":\"2023-11-14T22:13:20.124Z\","
          + "\"queue_backend\":\"redis\"}";

  @Test
  void oneTurnIsItsAcceptanceThenTheQueueTime() {
    assertThat(new Answer("c1", List.of(USER), false, 5).turnBody().encode())
        .isEqualTo(USER_JSON + ",\"queue_time_ms\":5}");
  }

  @Test
  void aBatchIsTheConversationThenEachAcceptanceInOrderThenTheQueueTime() {
    Answer accepted = new Answer("c1", List.of(USER, AI), false, 9);
    assertThat(accepted.batchBody().encode())
        .isEqualTo(
            "{\"conversation_id\":\"c1\",\"accepted\":["
                + USER_JSON
                + "},"
                + AI_JSON
                + "],\"queue_time_ms\":9}");
  }

  @Test
  void theBridgeAnswersABatchWithTheAcceptancesFirst() {
    Answer accepted = new Answer("c1", List.of(USER, AI), true, 9);
    assertThat(accepted.bridgeBatchBody().encode())
        .isEqualTo(
            "{\"accepted\":["
                + USER_JSON
                + "},"
                + AI_JSON
                + "],\"conversation_id\":\"c1\",\"queue_time_ms\":9}");
  }
}
