package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.Speaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpokenNameStageTest {

  private final SpokenNameStage stage = new SpokenNameStage();
  private final List<Correction> corrections = new ArrayList<>();

  private String clean(String text, String aiSaid, List<String> keyterms) {
    ConversationContext context = new ConversationContext(10);
    context.setKeyterms(keyterms);
    if (!aiSaid.isEmpty()) {
      context.add(Speaker.AI, aiSaid);
    }
    return stage.apply(text, new StageInput(context, Lexicon.builtIn()), corrections);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // letters and numbers of a caller's keyterm
        "we use it on the s fourteen school run|S14|we use it on the S14 school run",
        "the new seer two systems|SEER2|the new SEER2 systems",
        "anything inside i r thirty five.|IR35|anything inside IR35.",
        "they ask for the cloud nine underlay|Cloud 9|they ask for the Cloud 9 underlay",
        "we drove route sixty six|Route 66|we drove Route 66",
        "the x one hundred model|X100|the X100 model",
        // a model number after the product's name
        "we fit the navien n p e two forty a mostly|Navien NPE-240A|we fit the Navien NPE-240A"
            + " mostly",
        // the plural of a keyterm: a letter's plural name, a number's plural
        "they always ask about the tee are vees|TRV|they always ask about the TRVs",
        "contractors calling about their ten ninety nines in January|1099|contractors calling about"
            + " their 1099s in January",
      })
  void writesAKeytermSpokenInLettersAndNumbers(String said, String keyterm, String expected) {
    assertThat(clean(said, "", List.of(keyterm))).isEqualTo(expected);
    assertThat(corrections).extracting(Correction::reason).containsOnly("spoken_name");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Eleven a d eyes and two trainees.|How many ADIs do you have?|Eleven ADIs and two"
            + " trainees.",
        "it all goes in the see are em|Which CRM do you use?|it all goes in the CRM",
        "mostly through e p s and our PMR|Is that EPS or paper?|mostly through EPS and our PMR",
        // the plural of a name the AI said
        "we book the c q c s in|When is your CQC inspection?|we book the CQCs in",
      })
  void writesANameTheAiSaidInLetters(String said, String aiSaid, String expected) {
    assertThat(clean(said, aiSaid, List.of())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "The d v s a booking site is a nightmare|The DVSA booking site is a nightmare",
        "the h o a boards call constantly|the HOA boards call constantly",
        // a double letter inside the spelling, "i" among the letters
        "we do h i i t and strength classes|we do HIIT and strength classes",
        // a plural "s" after an acronym the dictionary writes in capitals
        "We do m o t s and brakes.|We do MOTs and brakes.",
        // a final "s" that belongs to the acronym
        "the n h s pays for it|the NHS pays for it",
        "we fit g p s trackers|we fit GPS trackers",
        "reminders go out by s m s|reminders go out by SMS",
        "they need a d b s check|they need a DBS check",
        // a final I that is a name's, not the pronoun
        "the f b i said no|the FBI said no",
        // letter names, at most one of them an everyday word
        "we set up em ef ay for everyone|we set up MFA for everyone",
        "they always ask about the tee are vees|they always ask about the TRVs",
        // two letters the spelling dictionaries write in capitals, "a" and "i" after a determiner
        "the g p refers them to us|the GP refers them to us",
        "we sent them to see a g p|we sent them to see a GP",
        "we install e v chargers|we install EV chargers",
        "the i t guy sorted it|the IT guy sorted it",
        "our a c unit broke|our AC unit broke",
        // "a" second after a determiner, "i" second not before a verb
        "the p a said he's busy|the PA said he's busy",
        "he's a g i|he's a GI",
        // after a number "a" is a letter: "eleven a" cannot be the article
        "Eleven a d eyes and two trainees.|Eleven ADIs and two trainees.",
        "we have one p t and two admin staff|we have one PT and two admin staff",
        "we got two a a rosettes last year|we got two AA rosettes last year",
        // a spelled run starts and ends on a letter that is no word: "are" stays a word
        "her initials are j d e|her initials are JDE",
        // two letters joined by "and" or "n" into a name with an ampersand
        "we run a little b and b in the lakes|we run a little B&B in the lakes",
        "we run a b n b in the lakes|we run a B&B in the lakes",
        "we claim r and d tax credits|we claim R&D tax credits",
        "they end up in a and e|they end up in A&E",
        "we need d and o cover|we need D&O cover",
        // "a" doubled after a determiner: the name, not a stutter of the article
        "we're members of the a a and the r a c|we're members of the AA and the RAC",
        // two letters and a number up to 99: a postcode district or a code
        "anything E X one to E X eight is fine|anything EX1 to EX8 is fine",
        "we're based in l s twenty|we're based in LS20",
        "we cover s w nineteen and s w twenty|we cover SW19 and SW20",
        // "one" after a determiner is the pronoun
        "we sell the u k one and the u s one|we sell the UK one and the US one",
        "it's the t v one|it's the TV one",
        // a number that goes on is no code's
        "it was p m two hundred|it was PM two hundred",
      })
  void joinsLettersTheUserSpelledOut(String said, String expected) {
    assertThat(clean(said, "", List.of())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // nothing attested: everyday words, numbers and single letters stay
        "we use the s fourteen route",
        "I see you are busy",
        "we got one four calls",
        "plan b is fine",
        "it's a b c thing",
        "options a b and c",
        "we're on cloud nine about it",
        // attested, but the words say no letter or number
        "we see you are right",
        // a number alone is never rewritten
        "about twenty four seven",
        // three letter names that are everyday words, though the lexicon has ROI and CRO
        "they are oh I don't know",
        "you see are oh",
        // the pronoun I after spelled letters
        "we're in the u k i think",
        // letters in a list, a range, a grade, a time; a number's plural with nothing attested
        "we have a b c d rating",
        "it's somewhere between a and e on the scale",
        "options a and b are both fine",
        "answers a and d are right",
        // the article and the pronoun after a letter
        "it costs ten p a bag",
        "we went with plan b i think",
        "plan b a few times",
        "give them a b grade",
        "we got one a day",
        "it's ten a m on monday",
        "it's about three p m on a friday",
        // two letters the dictionaries know in capitals but not as a name ("EG")
        "we do e g the invoices",
        // letter names that are everyday words, one rare name among them
        "my ex you see is the owner",
        "a cup of tea you see",
        "the bees are out",
        "they're in their twenties",
        "calling about their ten ninety nines",
        // a count, a single letter, letters in order
        "print c d twenty copies",
        "we use the s fourteen route",
        "it's a b one",
      })
  void keepsEverydayWordsLettersAndNumbersWithoutAnAttestedName(String said) {
    assertThat(clean(said, "We cover the A1 and Route 66. We are 24/7.", List.of("CU", "247")))
        .isEqualTo(said);
    assertThat(corrections).isEmpty();
  }
}
