package io.cleanercontext.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import io.cleanercontext.transcript.TranscriptParser.ParsedTurn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {

  @Test
  void labelLinesStartTurnsAndLinesJoin() {
    List<ParsedTurn> turns =
        TranscriptParser.parse(
            "Assistant\n\nHello, this is the agent.\nSecond line.\n\n"
                + "Human:\nhi <noise> there\n\nCustomer: one line turn\n");
    assertThat(turns)
        .extracting(ParsedTurn::speaker)
        .containsExactly("Assistant", "Human", "Customer");
    assertThat(turns.get(0).rawText()).isEqualTo("Hello, this is the agent. Second line.");
    assertThat(turns.get(1).role()).isEqualTo(Speaker.USER);
    assertThat(turns.get(1).hasNoise()).isTrue();
    assertThat(turns.get(2).rawText()).isEqualTo("one line turn");
  }

  @Test
  void voiceTagsAreReportedAndAnUnlabelledTaggedOpeningIsTheAgent() {
    List<ParsedTurn> turns =
        TranscriptParser.parse("##VT_WARM## Hey, it's Lumen here.\n\nUser\n\nHi.\n");
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0).role()).isEqualTo(Speaker.AI);
    assertThat(turns.get(0).inferred()).isTrue();
    assertThat(turns.get(0).voiceTags()).containsExactly("VT_WARM");
    assertThat(TranscriptParser.parse("some stray words\n\nUser\n\nHi.\n")).hasSize(1);
  }

  @Test
  void parsesTheRealTranscripts() throws IOException {
    Path dir =
        Path.of("src", "test", "resources", "data", "transcripts"); // carried by the repository
    for (String name : List.of("examplescript1", "examplescript2")) {
      List<ParsedTurn> turns = TranscriptParser.parse(Files.readString(dir.resolve(name)));
      assertThat(turns).hasSizeGreaterThan(20);
      assertThat(turns)
          .anyMatch(t -> t.role() == Speaker.AI)
          .anyMatch(t -> t.role() == Speaker.USER);
      assertThat(turns).allSatisfy(t -> assertThat(t.rawText()).isNotBlank());
    }
  }
}
