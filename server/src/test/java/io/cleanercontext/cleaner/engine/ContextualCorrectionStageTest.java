package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contextual correction through the engine at FULL, with an AI turn that names things. */
class ContextualCorrectionStageTest {

  private static final Lexicon LEXICON =
      Lexicon.of(
          List.of(
              "# a small lexicon for the test",
              "Director of Sales",
              "Head of Sales",
              "Facebook Ads",
              "Google Ads",
              "HubSpot",
              "cost per lead",
              "PPC",
              "online"));

  private final CleaningEngine engine = new CleaningEngine(LEXICON);
  private final ConversationContext context = new ConversationContext(10);

  ContextualCorrectionStageTest() {
    say(
        "Hello Marta, it's Lumen from Response-iQ. You're the Head of Sales at Northwind Roofing in Bristol, "
            + "right? Our Lead Catcher plugs into HubSpot.");
  }

  private void say(String aiText) {
    context.add(
        Speaker.AI, engine.clean(Speaker.AI, aiText, CleaningLevel.FULL, context).cleanedText());
  }

  private CleaningResult clean(String userText) {
    return engine.clean(Speaker.USER, userText, CleaningLevel.FULL, context);
  }

  @Test
  void restoresASplitOrMisheardEntityTheAiNamed() {
    assertThat(clean("north wind roofing has six vans").cleanedText())
        .isEqualTo("Northwind Roofing has six vans");
    // an inflection of the AI's term keeps the user's form
    assertThat(clean("the lead catchers sounds handy").cleanedText())
        .isEqualTo("the Lead Catchers sounds handy");
    assertThat(clean("the leed catcher sounds handy").cleanedText())
        .isEqualTo("the Lead Catcher sounds handy");
  }

  @Test
  void restoresALexiconTermWhenTheOtherWordsAnchorIt() {
    CleaningResult r = clean("we spend a lot on facebook adds");
    assertThat(r.cleanedText()).isEqualTo("we spend a lot on Facebook Ads");
    assertThat(r.contextDetected()).isEqualTo("entity_correction");
    assertThat(r.corrections())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.original()).isEqualTo("facebook adds");
              assertThat(c.corrected()).isEqualTo("Facebook Ads");
            });
  }

  @Test
  void restoresATitleWhenTheConversationIsAboutThatDepartment() {
    assertThat(clean("actually I'm the rector of sales now").cleanedText())
        .isEqualTo("actually I'm the Director of Sales now");
  }

  @Test
  void aJobTitleAfterADeterminerKeepsTheUsersCase() {
    CleaningEngine titled =
        new CleaningEngine(
            Lexicon.of(
                List.of(
                    "## Job titles",
                    "Managing Partner",
                    "Office Manager",
                    "Receptionist",
                    "## Tools",
                    "HubSpot")));
    ConversationContext call = new ConversationContext(10);
    call.add(
        Speaker.AI, "I have you as Managing Partner at Hale and Co. Your venue is The Old Barn.");
    for (String role :
        List.of(
            "Yes, I'm the managing partner.",
            "it's me and my office manager answering",
            "overnight it's one receptionist for the building")) {
      assertThat(titled.clean(Speaker.USER, role, CleaningLevel.FULL, call).cleanedText())
          .isEqualTo(role);
    }
    // the title itself, and a name that is not a title, are cased as the AI said them
    assertThat(
            titled
                .clean(Speaker.USER, "yes, managing partner at Hale", CleaningLevel.FULL, call)
                .cleanedText())
        .isEqualTo("yes, Managing Partner at Hale");
    assertThat(
            titled
                .clean(Speaker.USER, "we seat fifty in the old barn", CleaningLevel.FULL, call)
                .cleanedText())
        .isEqualTo("we seat fifty in the Old Barn");
  }

  @Test
  void fixesCasingOfKnownTerms() {
    CleaningResult r = clean("we moved to hubspot last year");
    assertThat(r.cleanedText()).isEqualTo("we moved to HubSpot last year");
    assertThat(r.corrections()).extracting(Correction::reason).containsExactly("entity_casing");
  }

  @Test
  void casesALexiconToolThatIsAnEverydayWordOnlyWhereANameIsMeant() {
    CleaningEngine tools =
        new CleaningEngine(Lexicon.of(List.of("Sage", "Stripe", "Google", "Zoom", "Drift")));
    ConversationContext call = new ConversationContext(10);
    for (String[] heardMeant :
        new String[][] {
          // a brand's cue beside it, or the start of a sentence
          {"the books are all on sage now", "the books are all on Sage now"},
          {"we use stripe for the card payments", "we use Stripe for the card payments"},
          {"our zoom account is the business one", "our Zoom account is the business one"},
          {"they ring the next school on google.", "they ring the next school on Google."},
          {"Fine. sage does the payroll too", "Fine. Sage does the payroll too"},
          // the everyday word in its everyday sense
          {"we grow sage and thyme by the door", "we grow sage and thyme by the door"},
          {"that was a wise and sage decision", "that was a wise and sage decision"},
          {"I think you get my drift", "I think you get my drift"},
          {"the stripe on the van is blue", "the stripe on the van is blue"},
          {"he wanted to google the symptoms", "he wanted to google the symptoms"},
          {"we zoom in on the photos", "we zoom in on the photos"},
        }) {
      assertThat(tools.clean(Speaker.USER, heardMeant[0], CleaningLevel.FULL, call).cleanedText())
          .as(heardMeant[0])
          .isEqualTo(heardMeant[1]);
    }
    // a tool the AI named is the call's: cased wherever the user says it
    call.add(Speaker.AI, "Do you do the books in Sage?");
    assertThat(
            tools.clean(Speaker.USER, "yeah sage mostly", CleaningLevel.FULL, call).cleanedText())
        .isEqualTo("yeah Sage mostly");
  }

  @Test
  void keepsRealWordsWithoutContextualEvidence() {
    for (String s :
        List.of(
            "the cost per head is too high",
            "we use google as our search engine",
            "the heads of sales meet weekly",
            "we fit windows quickly",
            "I'm the vector of marketing")) {
      assertThat(GoldReplay.norm(clean(s).cleanedText())).as(s).isEqualTo(GoldReplay.norm(s));
    }
  }

  @Test
  void neverChangesNumbers() {
    assertThat(clean("about 300 leads at 40 pounds each").cleanedText())
        .isEqualTo("about 300 leads at 40 pounds each");
    assertThat(clean("we get twenty two calls a day").cleanedText())
        .isEqualTo("we get twenty two calls a day");
  }

  @Test
  void learnsOnlyFromTheWindow() {
    ConversationContext small = new ConversationContext(1);
    small.add(Speaker.AI, "Does Northwind Roofing use HubSpot?");
    small.add(Speaker.USER, "yes we do");
    assertThat(
            engine
                .clean(Speaker.USER, "north wind roofing", CleaningLevel.FULL, small)
                .cleanedText())
        .isEqualTo("north wind roofing");
  }

  @Test
  void learnsTheNamePartsOfANameTheAiSaidInFull() {
    say("I have you down at Kingsmead Dental and Hartley Rowe Solicitors.");
    assertThat(clean("both kings mead sites now").cleanedText())
        .isEqualTo("both Kingsmead sites now");
    assertThat(clean("yeah that's right, hartley row").cleanedText())
        .isEqualTo("yeah that's right, Hartley Rowe");
  }

  @Test
  void findsATermSplitWithOneLetterOffOnlyWithANonWordAsEvidence() {
    context.setKeyterms(List.of("Upton-upon-Severn", "Epos Now", "Shopify"));
    assertThat(clean("a second site in upton upon seven").cleanedText())
        .isEqualTo("a second site in Upton-upon-Severn");
    assertThat(clean("we're on e pose now in the shop").cleanedText())
        .isEqualTo("we're on Epos Now in the shop");
    assertThat(clean("I'd shop if I could").cleanedText()).isEqualTo("I'd shop if I could");
  }

  @Test
  void neverTurnsEverydayWordsInTheirEverydaySenseIntoAName() {
    say("Our Callback Widget rings them back, and Brightside Solar is our customer.");
    context.setKeyterms(List.of("Callback", "Brightside"));
    assertThat(clean("most of them won't call back if nobody picks up").cleanedText())
        .isEqualTo("most of them won't call back if nobody picks up");
    assertThat(clean("but on the bright side, sales are up").cleanedText())
        .isEqualTo("but on the bright side, sales are up");
    assertThat(clean("the call back widget sounds good").cleanedText())
        .isEqualTo("the Callback Widget sounds good");
    assertThat(clean("we tried bright side last year").cleanedText())
        .isEqualTo("we tried Brightside last year");
  }

  @Test
  void neverTurnsAnEverydayWordIntoANameThatSoundsLikeIt() {
    context.setKeyterms(List.of("Tempe", "Mesa"));
    assertThat(clean("every summer we end up hiring a temp").cleanedText())
        .isEqualTo("every summer we end up hiring a temp");
    // a word no dictionary has is still heard as the name
    assertThat(clean("we cover tempee and the suburbs").cleanedText())
        .isEqualTo("we cover Tempe and the suburbs");
  }

  @Test
  void keytermCorrectionsSayTheyCameFromTheKeyterms() {
    context.setKeyterms(List.of("Westland"));
    CleaningResult r = clean("the west land bags are popular");
    assertThat(r.cleanedText()).isEqualTo("the Westland bags are popular");
    assertThat(r.corrections())
        .extracting(Correction::reason)
        .containsExactly("keyterm_split_term");
  }
}
