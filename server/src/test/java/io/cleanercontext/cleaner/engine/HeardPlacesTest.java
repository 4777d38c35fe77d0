package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeardPlacesTest {

  private final KnownNameStage stage = new KnownNameStage();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a newer one up in rio ranch oh.|a newer one up in Rio Rancho.",
        "word of mouth round stoke and new castle under line.|"
            + "word of mouth round stoke and Newcastle under Lyme.",
        "I work in new port news now|I work in Newport News now",
        "we're based in milton keens.|we're based in Milton Keynes.",
        "she grew up in sandy ego|she grew up in San Diego",
        "it's out in corpus christy|it's out in Corpus Christi",
        "we get a lot of work from harrow gate these days|"
            + "we get a lot of work from Harrogate these days",
        "tourists driving up from kalama zoo.|tourists driving up from Kalamazoo.",
        "up to barns lee and back|up to Barnsley and back",
      })
  void hearsABigPlaceInWordsThatSoundLikeItAfterAPlacesPreposition(String raw, String expected) {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, out)).isEqualTo(expected);
    assertThat(out).extracting(Correction::reason).containsOnly(KnownNameStage.HEARD_PLACE);
  }

  @Test
  void hearsASmallPlaceOnlyNearAPlaceTheCallNamed() {
    String raw = "a lot of them come from top sham these days";
    assertThat(stage.apply(raw, new ArrayList<>())).isEqualTo(raw);
    ConversationContext call = new ConversationContext(10);
    call.add(Speaker.AI, "Which areas do you cover from Exeter?");
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, new StageInput(call, Lexicon.builtIn()), out))
        .isEqualTo("a lot of them come from Topsham these days");
    // the turn's own place, cased first, counts too
    assertThat(stage.apply("We're in exeter but some come from top sham", new ArrayList<>()))
        .isEqualTo("We're in Exeter but some come from Topsham");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // everyday English after a place's preposition: the model reads it as it stands
        "prices are up in the air right now",
        "in round numbers it's about a thousand",
        "we parked near the new castle",
        "the forms are in east man's office",
        "I had a call from east man yesterday",
        "the co-princes who in turn appoint the council",
        "she specialized in wrought iron art",
        "it is easier to write an incorrect program",
        "all is fear in love and war",
        "we went round and round in circles",
        "we moved in from the cold",
        "it went from bad to worse",
        "we hope for more visitors in winter next year",
        // a small place that sounds alike, with no named place near it
        "from the yard in wind um",
        // a place word said with a noun after it names a style, not a place
        "we do pizza in new york style",
        // a place the words already spell is only cased, and one word is never a place heard
        "she lives in salt lake city",
        "we moved to portsmouth",
        // a capital, a digit or a function word first: no run
        "yet alone 800 miles from her colorado springs home",
        "the syndic works in paragraph 5 of the rules",
      })
  void leavesEverydayEnglishAfterAPlacesPrepositionAlone(String raw) {
    List<Correction> out = new ArrayList<>();
    stage.apply(raw, out);
    assertThat(out).extracting(Correction::reason).doesNotContain(KnownNameStage.HEARD_PLACE);
  }

  @Test
  void keepsThePunctuationAndReportsTheWordsHeard() {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply("Two. One up in rio ranch oh, and one downtown.", out))
        .isEqualTo("Two. One up in Rio Rancho, and one downtown.");
    assertThat(out)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.original()).isEqualTo("rio ranch oh");
              assertThat(c.corrected()).isEqualTo("Rio Rancho");
            });
  }
}
