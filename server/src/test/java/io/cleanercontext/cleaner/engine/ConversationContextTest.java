package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cleanercontext.contract.Speaker;
import org.junit.jupiter.api.Test;

class ConversationContextTest {

  @Test
  void keepsTheLastTurnsOldestFirst() {
    ConversationContext c = new ConversationContext(2);
    c.add(Speaker.AI, "one");
    c.add(Speaker.USER, "  two ");
    c.add(Speaker.AI, "three");
    assertThat(c.window())
        .containsExactly(
            new ContextTurn(Speaker.USER, "two"), new ContextTurn(Speaker.AI, "three"));
  }

  @Test
  void ignoresSkippedTurnsAndShrinksOnResize() {
    ConversationContext c = new ConversationContext(5);
    c.add(Speaker.USER, "");
    c.add(Speaker.USER, "   ");
    c.add(Speaker.AI, "a");
    c.add(Speaker.AI, "b");
    c.setWindowSize(1);
    assertThat(c.window()).containsExactly(new ContextTurn(Speaker.AI, "b"));
    assertThat(c.windowSize()).isEqualTo(1);
    assertThatThrownBy(() -> c.setWindowSize(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void learnsNamesTitlesAndLexiconTermsFromAiTurnsOnly() {
    Lexicon lexicon = Lexicon.of(java.util.List.of("lead generation"));
    ConversationContext c = new ConversationContext(10);
    c.add(
        Speaker.AI,
        "Thanks Omar. So you run Blue Fern Bakery as Head of Operations, and lead generation is hard?");
    c.add(Speaker.USER, "Yes Acme Widgets is our rival");
    assertThat(c.vocabulary(lexicon).terms())
        .extracting(t -> t.surface)
        .contains("Omar", "Blue Fern Bakery", "Head of Operations", "lead generation")
        .doesNotContain("Thanks", "So", "Acme Widgets");
  }

  @Test
  void theCallsWordsKeepANamesCapitalAndForgetTurnsThatLeftTheWindow() {
    ConversationContext c = new ConversationContext(2);
    c.setKeyterms(java.util.List.of("Reid Plumbing"));
    c.add(Speaker.AI, "Sale. We spoke to Hartley and the sale team.");
    CallWords said = new CallWords(c::saidWords);
    assertThat(said.spelling("reid")).isEqualTo("reid"); // a sentence's first capital tells nothing
    assertThat(said.spelling("plumbing")).isEqualTo("Plumbing");
    assertThat(said.spelling("hartley")).isEqualTo("Hartley");
    assertThat(said.spelling("sale")).isEqualTo("sale");
    assertThat(said.spelling("team")).isEqualTo("team");
    assertThat(said.spelling("tractor")).isNull();
    assertThat(said.contains("tractor")).isFalse();
    c.add(Speaker.USER, "Ask Team Leads. Thanks");
    said = new CallWords(c::saidWords);
    assertThat(said.spelling("team")).isEqualTo("Team"); // the latest capital mid-sentence
    assertThat(said.spelling("thanks")).isEqualTo("thanks");
    c.add(Speaker.USER, "ok");
    said = new CallWords(c::saidWords);
    // the AI turn left the window: its words go, the keyterms' stay
    assertThat(said.contains("sale")).isFalse();
    assertThat(said.contains("hartley")).isFalse();
    assertThat(said.spelling("team")).isEqualTo("Team");
    assertThat(said.spelling("plumbing")).isEqualTo("Plumbing");
    c.add(Speaker.USER, "fine");
    said = new CallWords(c::saidWords);
    assertThat(said.contains("team")).isFalse();
    assertThat(said.contains("ok")).isTrue();
    assertThat(said.contains("fine")).isTrue();
    assertThat(said.contains("reid")).isTrue();
  }

  @Test
  void aTextWithManyWordsFindsEachOfThem() {
    StringBuilder text = new StringBuilder("Start");
    for (int i = 0; i < 300; i++) {
      text.append(" w").append(i).append(i % 7 == 0 ? " Name" + i : "");
    }
    TurnWords words = TurnWords.of(text.toString());
    for (int i = 0; i < 300; i++) {
      assertThat(words.has("w" + i)).isTrue();
      assertThat(words.spelling("name" + i)).isEqualTo(i % 7 == 0 ? "Name" + i : null);
    }
    assertThat(words.has("start")).isTrue();
    assertThat(words.has("w300")).isFalse();
    assertThat(TurnWords.of("").has("a")).isFalse();
  }

  @Test
  void severalTextsReadAsOneKeepTheLaterCapital() {
    assertThat(TurnWords.of(java.util.List.of("Reid Plumbing", "call reid")).spelling("reid"))
        .isEqualTo("reid"); // a text's first word is capitalised by grammar
    TurnWords words = TurnWords.of(java.util.List.of("ask Reid", "call REID now", "Hartley"));
    assertThat(words.spelling("reid")).isEqualTo("REID");
    assertThat(words.spelling("hartley")).isEqualTo("hartley");
    assertThat(words.has("now")).isTrue();
    assertThat(words.has("plumbing")).isFalse();
  }
}
