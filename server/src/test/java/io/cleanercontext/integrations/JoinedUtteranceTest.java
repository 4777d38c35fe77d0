package io.cleanercontext.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.store.UtteranceSegments.Claimed;
import io.vertx.core.json.JsonArray;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinedUtteranceTest {
  private static Claimed segment(String id, String speaker, String text, RecognizedWord... words) {
    return new Claimed(id, speaker, text, RecognizedWord.toJson(List.of(words)));
  }

  @Test
  void theSegmentsOfOneSpeakerAreOneTurnWithTheirTextsJoinedAndWordsConcatenated() {
    RecognizedWord so = new RecognizedWord("So,", 0.9, 1.0, 1.2);
    RecognizedWord we = new RecognizedWord("we", 0.8, 1.3, 1.4);
    RecognizedWord use = new RecognizedWord("use", 0.4, 2.0, 2.2);
    List<JoinedUtterance> turns =
        JoinedUtterance.join(
            "s2",
            List.of(
                segment("s1", "channel:0", "So, we ", so, we),
                segment("s1b", "channel:0", "  "),
                segment("s2", "channel:0", "use hubspot.", use)),
            10_000);
    assertThat(turns)
        .containsExactly(
            new JoinedUtterance("channel:0", "So, we use hubspot.", List.of(so, we, use), "s2", 2));
  }

  @Test
  void aChangeOfSpeakerOrATooLongTextStartsAnotherTurnWithAStableId() {
    List<Claimed> segments =
        List.of(
            segment("a", "speaker:0", "Hello there."),
            segment("b", "speaker:1", "Hi."),
            segment("c", "speaker:1", "How are you?"),
            new Claimed("d", "speaker:1", "Fine thanks.", (JsonArray) null));
    List<JoinedUtterance> turns = JoinedUtterance.join("d", segments, 16);
    assertThat(turns)
        .extracting(JoinedUtterance::speakerKey, JoinedUtterance::text, JoinedUtterance::messageId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("speaker:0", "Hello there.", "d"),
            org.assertj.core.groups.Tuple.tuple("speaker:1", "Hi. How are you?", "d#1"),
            org.assertj.core.groups.Tuple.tuple("speaker:1", "Fine thanks.", "d#2"));
    assertThat(JoinedUtterance.join("d", segments, 16)).isEqualTo(turns);
    assertThat(JoinedUtterance.join("e", List.of(segment("e", "channel:0", " ")), 100)).isEmpty();
  }
}
