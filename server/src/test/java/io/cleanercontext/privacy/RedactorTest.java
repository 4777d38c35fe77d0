package io.cleanercontext.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a caller sees of the redactor: modes, types, positions, cues from the previous turn. */
class RedactorTest {
  private static final Redactor REDACTOR = new Redactor();
  private static final RedactionPolicy MASK_ALL = RedactionPolicy.all(RedactionMode.MASK);

  private static String mask(String text) {
    return REDACTOR.redact(text, MASK_ALL).text();
  }

  @Test
  void cardsWrittenGroupedAndSpokenAreMasked() {
    assertThat(mask("it's 4111 1111 1111 1111 thanks")).isEqualTo("it's [CARD] thanks");
    assertThat(mask("it's 4111-1111-1111-1111")).isEqualTo("it's [CARD]");
    assertThat(mask("four one one one, one one one one, one one one one, one one one one"))
        .isEqualTo("[CARD]");
    assertThat(
            mask(
                "oh, five five five five, double five five five, five five five five, four four four four"))
        .isEqualTo("oh, [CARD]");
  }

  @Test
  void numbersThatFailLuhnOrAreReferencesOrPricesSurvive() {
    assertThat(mask("it's 4111 1111 1111 1112")).isEqualTo("it's 4111 1111 1111 1112");
    assertThat(mask("order number 4111 1111 1111 1111"))
        .isEqualTo("order number 4111 1111 1111 1111");
    assertThat(mask("that's $1,299.99 and 12,000 units at 10:30 in 2025"))
        .isEqualTo("that's $1,299.99 and 12,000 units at 10:30 in 2025");
    assertThat(mask("model XJ-5551234, postcode SW1A 1AA"))
        .isEqualTo("model XJ-5551234, postcode SW1A 1AA");
  }

  @Test
  void aReferenceGivenWhileTalkingAboutTheCardIsStillACard() {
    assertThat(mask("pay for order 12 with card ref 4111 1111 1111 1111")).endsWith("[CARD]");
  }

  @Test
  void cardDetailsAfterTheirCues() {
    assertThat(mask("expiry 09/27 and the cvc is 737"))
        .isEqualTo("expiry [EXPIRY] and the cvc is [CVC]");
    assertThat(mask("the offer code is 737")).isEqualTo("the offer code is 737");
  }

  @Test
  void theAnswerToTheAgentsQuestionIsRedactedWithoutACueOfItsOwn() {
    String previous = "Thanks. And what's the expiry date on the card?";
    assertThat(REDACTOR.redact("oh nine twenty seven", MASK_ALL, previous).text())
        .isEqualTo("[EXPIRY]");
    assertThat(REDACTOR.redact("oh nine twenty seven", MASK_ALL, null).text())
        .isEqualTo("oh nine twenty seven");
  }

  @Test
  void bankDetailsAfterTheirCues() {
    assertThat(mask("sort code 20-32-10, account number 31926819"))
        .isEqualTo("sort code [SORT_CODE], account number [BANK_ACCOUNT]");
    assertThat(mask("the account for order 12345678")).isEqualTo("the account for order 12345678");
  }

  @Test
  void emailsWrittenAndSpoken() {
    assertThat(mask("mail john.smith@gmail.com now")).isEqualTo("mail [EMAIL] now");
    assertThat(mask("it's john dot smith at gmail dot com")).isEqualTo("it's [EMAIL]");
    assertThat(mask("find us at example dot com")).isEqualTo("find us at example dot com");
    assertThat(mask("I'll be at the Hilton dot com")).isEqualTo("I'll be at the Hilton dot com");
  }

  @Test
  void phonesValidatedByTheNumberingPlans() {
    assertThat(mask("call 020 7946 0018")).isEqualTo("call [PHONE]");
    assertThat(mask("call (212) 555-0147 today")).isEqualTo("call [PHONE] today");
    assertThat(mask("it's plus four four, two oh, seven nine four six, oh nine five eight"))
        .isEqualTo("it's [PHONE]");
    assertThat(mask("ticket 20231115001 and flight number 2079460958"))
        .isEqualTo("ticket 20231115001 and flight number 2079460958");
  }

  @Test
  void nationalIdentifiers() {
    assertThat(mask("my social is 123-45-6789")).isEqualTo("my social is [SSN]");
    assertThat(mask("it's a b one two three four five six c")).isEqualTo("it's [NINO]");
    assertThat(mask("NI number AB 12 34 56 C")).isEqualTo("NI number [NINO]");
    assertThat(mask("order AB123456C")).isEqualTo("order AB123456C");
    assertThat(mask("my social is 666-45-6789")).isEqualTo("my social is 666-45-6789");
  }

  @Test
  void datesOfBirthOnlyAfterACue() {
    assertThat(mask("born on the fifth of May nineteen eighty")).isEqualTo("born on [DOB]");
    assertThat(mask("delivery on the fifth of May")).isEqualTo("delivery on the fifth of May");
  }

  @Test
  void removeModeTakesTheValueOutAndRecordsWhereItWas() {
    RedactedText out =
        REDACTOR.redact("card 4111 1111 1111 1111 ok", RedactionPolicy.all(RedactionMode.REMOVE));
    assertThat(out.text()).isEqualTo("card ok");
    assertThat(out.redactions()).containsExactly(new Redaction(PiiType.CARD, 4, 4));
  }

  @Test
  void maskModeRecordsTypeAndPositionOfEachMaskNeverTheValue() {
    RedactedText out = REDACTOR.redact("mail a@b.com or 020 7946 0018", MASK_ALL);
    assertThat(out.text()).isEqualTo("mail [EMAIL] or [PHONE]");
    assertThat(out.redactions())
        .containsExactly(new Redaction(PiiType.EMAIL, 5, 12), new Redaction(PiiType.PHONE, 16, 23));
    assertThat(out.redactionsJson().encode()).doesNotContain("7946").contains("\"type\":\"phone\"");
  }

  @Test
  void onlyTheChosenTypesAreRedactedAndOffChangesNothing() {
    RedactionPolicy cardsOnly = new RedactionPolicy(RedactionMode.MASK, EnumSet.of(PiiType.CARD));
    assertThat(REDACTOR.redact("4111 1111 1111 1111 or 020 7946 0018", cardsOnly).text())
        .isEqualTo("[CARD] or 020 7946 0018");
    assertThat(REDACTOR.redact("4111 1111 1111 1111", RedactionPolicy.OFF).text())
        .isEqualTo("4111 1111 1111 1111");
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    RedactedText once =
        REDACTOR.redact("card 4111 1111 1111 1111, cvc 123, mail a@b.com", MASK_ALL);
    assertThat(REDACTOR.redact(once.text(), MASK_ALL).text()).isEqualTo(once.text());
  }

  @Test
  void theCheapCheckPassesTextWithNothingToFind() {
    assertThat(Redactor.mayHoldPii("Yes I'd like the premium plan please")).isFalse();
    assertThat(Redactor.mayHoldPii("it's four one one one")).isTrue();
    assertThat(Redactor.mayHoldPii("a@b")).isTrue();
    assertThat(List.of(mask("Yes I'd like the premium plan please")))
        .containsExactly("Yes I'd like the premium plan please");
  }
}
