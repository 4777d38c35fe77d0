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
  void saidWordsKeepANamesCapitalAndForgetTurnsThatLeftTheWindow() {
    ConversationContext c = new ConversationContext(2);
    c.setKeyterms(java.util.List.of("Reid Plumbing"));
    c.add(Speaker.AI, "Sale. We spoke to Hartley and the sale team.");
    assertThat(c.saidWords())
        .containsEntry("reid", "reid") // a sentence's first capital tells nothing
        .containsEntry("plumbing", "Plumbing")
        .containsEntry("hartley", "Hartley")
        .containsEntry("sale", "sale")
        .containsEntry("team", "team");
    c.add(Speaker.USER, "Ask Team Leads. Thanks");
    assertThat(c.saidWords()).containsEntry("team", "Team").containsEntry("thanks", "thanks");
    c.add(Speaker.USER, "ok");
    // the AI turn left the window: its words go, the keyterms' stay
    assertThat(c.saidWords())
        .doesNotContainKeys("sale", "hartley")
        .containsEntry("team", "Team")
        .containsEntry("plumbing", "Plumbing");
    c.add(Speaker.USER, "fine");
    assertThat(c.saidWords()).doesNotContainKey("team").containsKeys("ok", "fine", "reid");
  }
}
