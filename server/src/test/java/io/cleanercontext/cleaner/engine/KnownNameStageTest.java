package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KnownNameStageTest {

  private final KnownNameStage stage = new KnownNameStage();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "we list everything on shopify now|we list everything on Shopify now",
        "the invoices go into quickbooks|the invoices go into QuickBooks",
        "most of them find us on linkedin|most of them find us on LinkedIn",
        "we're based up in sunderland|we're based up in Sunderland",
      })
  void casesNamesTheSttWroteInLowerCase(String raw, String expected) {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, out)).isEqualTo(expected);
    assertThat(out).extracting(Correction::reason).containsOnly(KnownNameStage.CASING);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "we run face book ads for the clinic|we run Facebook ads for the clinic",
        "we post them through linked in mostly|we post them through LinkedIn mostly",
        "we put a few videos on you tube.|we put a few videos on YouTube.",
        "the books are on quick books|the books are on QuickBooks",
        "we take card payments through pay pal|we take card payments through PayPal",
        "our second branch is in sunder land|our second branch is in Sunderland",
        "customers pay with apple pay mostly|customers pay with apple pay mostly",
      })
  void joinsNamesTheSttSplitWhereTheContextSaysANameIsMeant(String raw, String expected) {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, out)).isEqualTo(expected);
    if (!raw.equals(expected)) {
      assertThat(out).extracting(Correction::reason).containsOnly(KnownNameStage.SPLIT);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // everyday compounds and phrases whose letters spell a name
        "a lot of them come from next door",
        "we have a drop box by the front door",
        "I read a face book once",
        "our sales force is six people",
        "we work with a few builders",
        "they want to go home",
        "it was all over by lunch",
        "we did well last year",
        "she made line drawings of the plans",
        // a proper noun (a surname, mostly) needs a place's preposition, not any neighbour
        "we work with black man and sons",
        "I had a call from east man yesterday",
        // lower-case everyday words that are also names are never cased
        "indeed we do",
        "reading the reviews takes ages",
        "we zoom in on the photos",
        // a name already spelled is left alone
        "We use Shopify and QuickBooks",
      })
  void leavesEverydayWordsAlone(String raw) {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, out)).isEqualTo(raw);
    assertThat(out).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "we opened a second location in round rock too|we opened a second location in Round Rock too",
        "the head office is in milton keynes.|the head office is in Milton Keynes.",
        "a site in upton upon severn last year|a site in Upton upon Severn last year",
        "we're in high point season now|we're in high point season now",
        "it's in the round rock box|it's in the round rock box",
      })
  void casesPlacesOfSeveralWordsAfterAPlacesPreposition(String raw, String expected) {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply(raw, out)).isEqualTo(expected);
    if (!raw.equals(expected)) {
      assertThat(out).extracting(Correction::reason).containsOnly(KnownNameStage.PLACE);
    }
  }

  @Test
  void keepsThePunctuationAroundAJoinedName() {
    List<Correction> out = new ArrayList<>();
    assertThat(stage.apply("mostly through linked in, some word of mouth", out))
        .isEqualTo("mostly through LinkedIn, some word of mouth");
    assertThat(out)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.original()).isEqualTo("linked in");
              assertThat(c.corrected()).isEqualTo("LinkedIn");
            });
  }

  @Test
  void namesComeFromTheDictionaryAndTheBrandList() {
    KnownNames names = KnownNames.get();
    assertThat(names.byKey("sunderland").kind()).isEqualTo(KnownNames.Kind.PROPER_NOUN);
    assertThat(names.byKey("linkedin").spelling()).isEqualTo("LinkedIn");
    assertThat(names.byKey("nextdoor")).as("simple-icons only").isNotNull();
    assertThat(names.byKey("indeed")).as("an everyday word").isNull();
    assertThat(names.byKey("ibm")).as("acronyms are left out").isNull();
  }
}
