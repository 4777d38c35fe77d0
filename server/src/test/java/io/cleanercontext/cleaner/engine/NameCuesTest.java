package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.cleaner.engine.NameCues.Use;
import org.junit.jupiter.api.Test;

/** The name cues of {@code cleaning/name-cues.txt}, and which stage uses which. */
class NameCuesTest {

  private static final int PLACE = NameCues.PLACE_NAMES;
  private static final int BRAND = NameCues.BRAND_NAMES;
  private static final int PERSON = NameCues.PERSON_NAMES;

  @Test
  void aCueCallsForItsKindsOfName() {
    assertThat(NameCues.before("in", Use.LISTED)).isEqualTo(PLACE);
    assertThat(NameCues.before("to", Use.LISTED)).isEqualTo(PLACE | BRAND);
    assertThat(NameCues.before("named", Use.LISTED)).isEqualTo(PERSON);
    assertThat(NameCues.before("this is", Use.LISTED)).isEqualTo(PERSON);
    assertThat(NameCues.after("office", Use.LISTED)).isEqualTo(PLACE);
    assertThat(NameCues.after("ads", Use.LISTED)).isEqualTo(BRAND);
    assertThat(NameCues.before("the", Use.LISTED)).isZero();
    assertThat(NameCues.after("in", Use.LISTED)).isZero();
  }

  @Test
  void theStagesDifferWhereTheFileSaysSo() {
    // "from" calls for a brand in KnownNameStage's joins only; "to" in the listed runs only
    assertThat(NameCues.before("from", Use.KNOWN)).isEqualTo(BRAND);
    assertThat(NameCues.before("from", Use.LISTED)).isEqualTo(PLACE);
    assertThat(NameCues.before("to", Use.KNOWN)).isZero();
    assertThat(NameCues.before("towards", Use.KNOWN)).isZero();
    assertThat(NameCues.after("software", Use.KNOWN)).isZero();
    assertThat(NameCues.after("software", Use.LISTED)).isEqualTo(BRAND);
    assertThat(NameCues.after("office", Use.KNOWN)).isZero();
    assertThat(NameCues.before("speak to", Use.KNOWN)).isZero();
    assertThat(NameCues.before("near", Use.KNOWN)).isEqualTo(PLACE);
    assertThat(NameCues.before("via", Use.KNOWN)).isEqualTo(BRAND);
  }

  @Test
  void theTwoWordsBeforeARunCallForAPersonOnly() {
    assertThat(NameCues.before(Tokens.split("please ask for barns lee"), 3)).isEqualTo(PERSON);
    assertThat(NameCues.before(Tokens.split("her name is barns lee"), 3)).isEqualTo(PERSON);
    assertThat(NameCues.before(Tokens.split("we went to barns lee"), 3)).isEqualTo(PLACE | BRAND);
    assertThat(NameCues.before(Tokens.split("we went to. barns lee"), 3)).isZero();
  }

  private static boolean slot(String text, int at) {
    return NameCues.toolSlot(Tokens.split(text), at);
  }

  @Test
  void aToolsSlotIsAfterANameAndOrAndOrAVerbOfUsingNeverBeforeANoun() {
    assertThat(slot("most are on Sage Cloud or zero and the rest on paper", 6)).isTrue();
    assertThat(slot("we use sail for the invoices", 2)).isTrue();
    // an everyday use: a number or a day before "or", a noun after, a comma, a sentence's start,
    // an adjective, a phrase the model knows ("use carbon"), a preposition as the cue
    assertThat(slot("it's one or zero in the end", 3)).isFalse();
    assertThat(slot("Tuesday or zero, it doesn't matter", 2)).isFalse();
    assertThat(slot("Sage and zero are what they use", 2)).isFalse();
    assertThat(slot("we had zero penalties last year", 2)).isFalse();
    assertThat(slot("we use zero paper now", 2)).isFalse();
    assertThat(slot("we use quick, simple forms", 2)).isFalse();
    assertThat(slot("we use carbon for the panels", 2)).isFalse();
    assertThat(slot("we're on track with it", 2)).isFalse();
    assertThat(slot("we got it down to zero", 5)).isFalse();
    // a preposition as the cue where the sentence ends on the word ("we're on Paychex."), unless
    // the model knows the pair
    assertThat(slot("we're on paychecks.", 2)).isTrue();
    assertThat(slot("we're on track.", 2)).isFalse();
    assertThat(slot("they're all on holiday.", 3)).isFalse();
    assertThat(slot("we keep it all on paper.", 4)).isFalse();
    assertThat(slot("it comes with experience.", 3)).isFalse();
    assertThat(slot("we started from scratch.", 3)).isFalse();
  }
}
