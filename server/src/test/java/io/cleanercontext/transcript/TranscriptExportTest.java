package io.cleanercontext.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.RecognizedWord;
import io.cleanercontext.contract.Speaker;
import io.cleanercontext.contract.StoredTurn;
import io.cleanercontext.contract.TurnStatus;
import io.cleanercontext.transcript.TranscriptExport.Content;
import io.cleanercontext.transcript.TranscriptExport.Format;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptExportTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-06T10:00:00Z");

  private static StoredTurn turn(
      long seq, String speaker, String raw, String cleaned, String status, long atMs) {
    return new StoredTurn(
        "t" + seq,
        "c",
        seq,
        speaker,
        speaker.equals("AI") ? Speaker.AI : Speaker.USER,
        raw,
        cleaned,
        TurnStatus.of(status),
        "full",
        null,
        null,
        1,
        T0.plusNanos(atMs * 1_000_000),
        T0,
        status.equals("pending") ? null : T0.plusNanos((atMs + 100) * 1_000_000),
        List.of());
  }

  private final List<StoredTurn> turns =
      List.of(
          turn(1, "AI", "Hi, this is Lumen.", "Hi, this is Lumen.", "cleaned", 0),
          turn(
              2,
              "User",
              "um I'm the vector of marketing",
              "I'm the Director of Marketing.",
              "cleaned",
              4_200),
          turn(3, "User", "<noise>", "", "skipped", 9_000),
          turn(4, "User", "still waiting", null, "pending", 65_500));

  private static List<JsonArray> noWords(int n) {
    return new ArrayList<>(Arrays.asList(new JsonArray[n]));
  }

  @Test
  void withoutWordTimingsCaptionsFollowArrivalAndSaySo() {
    TimedTurn.Timeline timeline = TimedTurn.place(turns, noWords(4));
    assertThat(timeline.timing()).isEqualTo(TimedTurn.Timing.ARRIVAL);
    String srt = TranscriptExport.render("Call", "c", timeline, Format.SRT, Content.CLEANED);
    assertThat(srt)
        .isEqualTo(
            "1\n00:00:00,000 --> 00:00:01,600\nAI: Hi, this is Lumen.\n\n"
                + "2\n00:00:04,200 --> 00:00:06,600\nUser: I'm the Director of Marketing.\n\n");
    String vtt = TranscriptExport.render("Call", "c", timeline, Format.VTT, Content.RAW);
    assertThat(vtt).startsWith("WEBVTT\n\nNOTE times: from when each turn arrived");
    assertThat(vtt).contains("00:01:05.500 --> 00:01:06.500\n<v User>still waiting\n");
    assertThat(vtt).contains("<v User>&lt;noise&gt;");
  }

  @Test
  void wordTimingsFromTheSourceWinWhenEveryTurnHasThem() {
    List<JsonArray> words = new ArrayList<>();
    double at = 0.5;
    for (StoredTurn t : turns) {
      words.add(
          new JsonArray()
              .add(new JsonObject().put("word", "a").put("start", at).put("end", at + 0.3))
              .add(new JsonObject().put("word", "b").put("start", at + 0.4).put("end", at + 1.25)));
      at += 3;
    }
    TimedTurn.Timeline timeline = TimedTurn.place(turns, words);
    assertThat(timeline.timing()).isEqualTo(TimedTurn.Timing.SOURCE);
    assertThat(timeline.turns().get(1).startMs()).isEqualTo(3_500);
    assertThat(timeline.turns().get(1).endMs()).isEqualTo(4_750);
    words.set(2, null);
    assertThat(TimedTurn.place(turns, words).timing()).isEqualTo(TimedTurn.Timing.ARRIVAL);
  }

  @Test
  void theJsonFileCarriesTheRecognisersWordsOfTheTurnsThatHaveThem() {
    StoredTurn plain = turns.get(0);
    RecognizedWord word = new RecognizedWord("Lumen.", 0.42, 1.5, 1.9);
    StoredTurn recognised =
        new StoredTurn(
            "t9",
            "c",
            9,
            "User",
            Speaker.USER,
            "Lumen.",
            "Lumen.",
            TurnStatus.CLEANED,
            "full",
            null,
            null,
            1,
            T0,
            T0,
            T0,
            List.of(word));
    JsonObject json =
        new JsonObject(
            TranscriptExport.render(
                "Call",
                "c",
                TimedTurn.place(List.of(plain, recognised), noWords(2)),
                Format.JSON,
                Content.CLEANED));
    assertThat(json.getJsonArray("turns").getJsonObject(0).containsKey("words")).isFalse();
    assertThat(json.getJsonArray("turns").getJsonObject(1).getJsonArray("words"))
        .isEqualTo(new JsonArray().add(word.toJson()));
  }

  @Test
  void textFormatsCarryTheChosenTextAndLeaveOutTurnsWithoutIt() {
    TimedTurn.Timeline timeline = TimedTurn.place(turns, noWords(4));
    String both = TranscriptExport.render("Call", "c", timeline, Format.TXT, Content.BOTH);
    assertThat(both)
        .contains(
            "[00:04] User: I'm the Director of Marketing.\n    raw: um I'm the vector of marketing\n")
        .doesNotContain("still waiting")
        .contains("Times: from when each turn arrived");
    String md = TranscriptExport.render("Call", "c", timeline, Format.MD, Content.CLEANED);
    assertThat(md).startsWith("# Call\n").contains("**AI** (00:00): Hi, this is Lumen.");
    JsonObject json =
        new JsonObject(
            TranscriptExport.render("Call", "c", timeline, Format.JSON, Content.CLEANED));
    assertThat(json.getString("timing")).isEqualTo("arrival");
    assertThat(json.getJsonArray("turns")).hasSize(4);
    assertThat(json.getJsonArray("turns").getJsonObject(3).getString("status"))
        .isEqualTo("pending");
    assertThat(json.getJsonArray("turns").getJsonObject(0).containsKey("raw_text")).isFalse();
  }

  @Test
  void figuresCountTheCall() {
    JsonObject figures = TranscriptFigures.of(turns);
    assertThat(figures.getInteger("turns")).isEqualTo(4);
    assertThat(figures.getInteger("user_turns")).isEqualTo(3);
    assertThat(figures.getInteger("skipped")).isEqualTo(1);
    assertThat(figures.getInteger("pending")).isEqualTo(1);
    assertThat(figures.getLong("duration_ms")).isEqualTo(65_500L);
  }
}
