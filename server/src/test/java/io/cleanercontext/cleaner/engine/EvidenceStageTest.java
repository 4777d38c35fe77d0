package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Word correction by evidence, through the engine at FULL with the fitted weights. */
class EvidenceStageTest {

  private final CleaningEngine engine = new CleaningEngine(Lexicon.empty());
  private final ConversationContext context = new ConversationContext(10);

  private CleaningResult clean(String userText) {
    return engine.clean(Speaker.USER, userText, CleaningLevel.FULL, context);
  }

  @Test
  void replacesAHomophoneTheSentenceDoesNotWant() {
    CleaningResult r = clean("Customers have to weight twenty minutes on the phone.");
    assertThat(r.cleanedText()).isEqualTo("Customers have to wait twenty minutes on the phone.");
    Correction c = r.corrections().get(0);
    assertThat(c.reason()).isEqualTo("evidence_sound");
    assertThat(c.evidence().candidate()).isEqualTo("wait");
    assertThat(c.evidence().source()).isEqualTo("sound");
    assertThat(c.evidence().phoneticDistance()).isZero();
    assertThat(c.evidence().lmGain()).isPositive();
  }

  @Test
  void aWordAloneAfterACommaHasNoNeighbourToSpeakForAChange() {
    // the model's sentence ends at the comma: "too" alone would read as "two"
    for (String clean :
        List.of("We do commercial jobs, too.", "He speaks Spanish, too.", "I can't go, too.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
    // in a phrase of its own words the model still decides
    assertThat(clean("Honestly, customers have to weight twenty minutes.").cleanedText())
        .isEqualTo("Honestly, customers have to wait twenty minutes.");
  }

  @Test
  void aConfusionPatternIsACandidateWithItsCueTheScorerDecides() {
    CleaningResult r = clean("Honestly it was way to expensive for two sites.");
    assertThat(r.cleanedText()).isEqualTo("Honestly it was way too expensive for two sites.");
    Correction c = r.corrections().get(0);
    assertThat(c.reason()).isEqualTo("evidence_confusion_pattern");
    assertThat(c.evidence().cue()).isEqualTo(1.0);
    assertThat(clean("We could of booked half of those jobs.").cleanedText())
        .isEqualTo("We could have booked half of those jobs.");
    // no pattern, no cue: the word's everyday use stays
    for (String clean :
        List.of(
            "We send quotes to new customers.",
            "We could of course try it.",
            "We look more reasonable and agree to much of what UDCs are proposing.",
            "Take a peek at the dashboard.",
            "There's a hole in the roof.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
  }

  @Test
  void aHomophoneTheGrammarRulesOutIsReplacedByTheOneItWants() {
    // after a degree adverb no noun stands; after "is" no bare verb: the model alone is too weak
    CleaningResult r = clean("The signal is really week out here.");
    assertThat(r.cleanedText()).isEqualTo("The signal is really weak out here.");
    assertThat(r.corrections().get(0).evidence().cue()).isEqualTo(1.0);
    assertThat(clean("The cable is lose at the back.").cleanedText())
        .isEqualTo("The cable is loose at the back.");
    for (String clean :
        List.of(
            "It's been a really long week.",
            "The cable is loose at the back.",
            "What we do is call them back.",
            "All I did was write it down.",
            "We by and large agree.",
            "Let's make her write down something.",
            "If they or you are not interested, I apologize.",
            "The oil sands of Alberta, Canada are a similar material.",
            "Then he had her breathe on the canvas.",
            "It was made last year.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
  }

  @Test
  void aNonWordWithAMagicEIsReadWithItsLongVowel() {
    // "pade" reads as paid, not as pad: the word it sounds like is the one the sentence wants
    assertThat(clean("The bill was pade last week.").cleanedText())
        .isEqualTo("The bill was paid last week.");
    assertThat(LetterToSound.pronounce("pade")).isEqualTo(Pronunciations.get().of("paid").get(0));
  }

  @Test
  void aCommaEndsThePhraseTheModelScores() {
    // the words after the pause neither help nor hurt the word before it
    assertThat(clean("The drivers never get a brake, honestly.").cleanedText())
        .isEqualTo("The drivers never get a break, honestly.");
    assertThat(clean("Yeah, weather they book or not, we charge.").cleanedText())
        .isEqualTo("Yeah, whether they book or not, we charge.");
    // a phrase that ends on the word keeps it, whatever follows the comma
    for (String clean :
        List.of(
            "He's in Leeds too, so that works.",
            "She does the accounts too, and the rota.",
            "Whatever the weather, we go out.",
            "Our principal, Mr Hughes, signs off.",
            "It's a brake, not a clutch problem.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
  }

  @Test
  void leavesEverydayWordsInTheirEverydaySense() {
    for (String clean :
        List.of(
            "Every summer we end up hiring a temp.",
            "The parcel has a weight limit of twenty kilos.",
            "We have a sale on this week.",
            "Their engineers are out there now.",
            "It costs more than that.",
            // a non-word the trade uses is not a misspelling of the word near it
            "They just do the uplift and the drelling.",
            // a contraction the recogniser wrote is what it heard
            "All the calls we're missing are new customers.",
            "Most of the people we're talking to want a price.",
            "We'll do a quote if it's in for a service anyway.",
            "They said you're on the list for Friday.",
            // the caller's spelling of a word is theirs, whichever variety it is
            "Our favourite colour is the dark grey one.",
            "The sample shows the colour and the finish.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
  }

  @Test
  void hearsANameOfTheCallAcrossWordBoundaries() {
    context.setKeyterms(List.of("Karndean", "Ringlet", "Tempaid"));
    CleaningResult r = clean("Have you got the car and dean in stock?");
    assertThat(r.cleanedText()).isEqualTo("Have you got the Karndean in stock?");
    assertThat(r.corrections().get(0).evidence().source()).isEqualTo("call_term");
    // a verb phrase or an everyday word in its everyday sense never becomes the name
    assertThat(clean("Honestly? It rings out.").cleanedText()).isEqualTo("Honestly? It rings out.");
    assertThat(clean("Our temps get paid weekly.").cleanedText())
        .isEqualTo("Our temps get paid weekly.");
  }

  @Test
  void aRunOfWordsEverybodySaysIsNeverANameOfTheCall() {
    java.util.function.Function<String, String> cleaned =
        withKeyterms("Rightmove", "Navien", "Dana", "Sunrun", "Wymondham", "Karndean");
    assertThat(cleaned.apply("Have you got the car and dean in stock?"))
        .isEqualTo("Have you got the Karndean in stock?");
    for (String clean :
        List.of(
            "Right now my youngest and I are taking a break.",
            "Please let me know when you're free tomorrow.",
            "They know, deep in their souls, that it works.",
            "Some men love the work so much.",
            "Get to work on time.")) {
      assertThat(cleaned.apply(clean)).isEqualTo(clean);
    }
  }

  @Test
  void spellsANameTheWayTheCallSpelledIt() {
    engine.clean(Speaker.AI, "Is that Callum Reid in Washington?", CleaningLevel.FULL, context);
    context.add(Speaker.AI, "Is that Callum Reid in Washington?");
    CleaningResult r = clean("yes, reed looks after Washington");
    assertThat(r.cleanedText()).contains("Reid looks after Washington");
  }

  @Test
  void hearsAPlaceNobodySaidNearThePlacesTheCallNamed() {
    // (a town a run sounds exactly like, which the model reads far better, is KnownNameStage's:
    // "up to barns lee" is Barnsley there, HeardPlacesTest)
    CleaningResult r = clean("We're in Exeter, and down to tor key in summer.");
    assertThat(r.cleanedText()).isEqualTo("We're in Exeter, and down to Torquay in summer.");
    Correction c = r.corrections().get(0);
    assertThat(c.reason()).isEqualTo("evidence_listed_name");
    assertThat(c.evidence().listedName()).isEqualTo(1.0);
    assertThat(c.evidence().nearPlace()).isEqualTo(1.0);
    assertThat(clean("We're in Liverpool, and over to bur can head.").cleanedText())
        .isEqualTo("We're in Liverpool, and over to Birkenhead.");
    // the same run with no place named near: a name nobody said needs more than its sound
    assertThat(clean("We go down to tor key in summer.").cleanedText())
        .isEqualTo("We go down to tor key in summer.");
  }

  @Test
  void leavesEverydayRunsBesideANameCueAlone() {
    for (String clean :
        List.of(
            "We're in Leeds, and on the bright side we never run out of work.",
            "We're in Leeds, and we check in online the night before.",
            "We're in Leeds, and we ended up hiring a temp for the summer.",
            "We're in Leeds, and we always send a carbon copy to the office.",
            "We're in Leeds, and they offered zero interest on the van.",
            "We're in Leeds, and I got a text from oak hollow this morning.",
            "We're in Leeds, and the greatest dangers to liberty lurk in our paperwork.")) {
      assertThat(clean(clean).cleanedText()).isEqualTo(clean);
    }
  }

  /** A user turn cleaned at FULL, alone in a call whose caller set these keyterms. */
  private java.util.function.Function<String, String> withKeyterms(String... keyterms) {
    ConversationContext call = new ConversationContext(10);
    call.setKeyterms(List.of(keyterms));
    return t -> engine.clean(Speaker.USER, t, CleaningLevel.FULL, call).cleanedText();
  }

  @Test
  void aKeytermHeardAsWordsWithOneLetterMoreIsTheKeytermButNotInANounPhrase() {
    java.util.function.Function<String, String> cleaned =
        withKeyterms("FieldPac", "Kwikpoint", "Roofsnap", "Kingsmead");
    // "pack" is "Pac" heard: the run holds the keyterm's letters and one more inside a word
    assertThat(cleaned.apply("We're on field pack for scheduling."))
        .isEqualTo("We're on FieldPac for scheduling.");
    // the same words after "a" (adjectives between or not) are an everyday noun phrase; an ending
    // ("snapped") only inflects the keyterm's word
    for (String clean :
        List.of(
            "The lads each carry a field pack when they go out.",
            "We bought a new field pack last year.",
            "It was a quick point about pricing.",
            "Make it a quick point, please.",
            "Honestly the roof snapped in the storm.",
            // more than one letter left over is another word: "packet", "meadow"
            "Each field packet goes out on Monday.",
            "Our patients walk over from kings meadow.")) {
      assertThat(cleaned.apply(clean)).isEqualTo(clean);
    }
  }

  @Test
  void aKeytermSoundingLikeAnEverydayWordReplacesItOnlyWhereTheSentenceNamesATool() {
    java.util.function.Function<String, String> cleaned = withKeyterms("Xero", "Sayl", "Kwik");
    assertThat(cleaned.apply("Half our clients run Sage Cloud or zero for their payroll."))
        .isEqualTo("Half our clients run Sage Cloud or Xero for their payroll.");
    assertThat(cleaned.apply("We use sail for the invoices."))
        .isEqualTo("We use Sayl for the invoices.");
    for (String clean :
        List.of(
            "Last quarter we had zero complaints.",
            "We got the backlog down to zero.",
            "It's one or zero, nothing in between.",
            "Friday or zero, it makes no odds.",
            "We use quick, simple forms.",
            "The boat had a torn sail.",
            "Give me a quick call back.")) {
      assertThat(cleaned.apply(clean)).isEqualTo(clean);
    }
  }
}
