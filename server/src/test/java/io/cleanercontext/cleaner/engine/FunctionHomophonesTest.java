package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cleanercontext.contract.CleaningLevel;
import io.cleanercontext.contract.Speaker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Function words and the content words that sound like them: where the heard word reads as it
 * stands the model's gain alone never changes it; a grammar cue or a pattern still may. Invented
 * call sentences, errors and correct controls for each pair, through the engine at FULL.
 */
class FunctionHomophonesTest {

  private final CleaningEngine engine = new CleaningEngine(Lexicon.empty());

  private String clean(String text) {
    return engine
        .clean(Speaker.USER, text, CleaningLevel.FULL, new ConversationContext(10))
        .cleanedText();
  }

  /** Whether, at the word {@code heard} of {@code text}, a guard holds {@code candidate} back. */
  private static boolean holdsBack(String text, String heard, String candidate, String source) {
    List<Tokens.Token> tokens = Tokens.split(text);
    int i = TokenAt.index(tokens, heard);
    return FunctionHomophones.holdsBack(
        tokens, i, new WordCandidates.Candidate(candidate, source, 0, 0, true), 4.0, false);
  }

  @ParameterizedTest
  @CsvSource({
    "What do you have for kids in the summer?, for, four",
    "Anything you offer for families?, for, four",
    "Is that for the team?, for, four",
    "That one's for me., for, four",
    "We pay four staff., four, for",
    "Four builders came., four, for",
    "It's harder to tone it down., to, two",
    "Change a to i., to, two",
    "We sent it to the office., to, two",
    "Only one is worth it not two., two, to",
    "The first two go., two, to",
    "Two of them are broken., two, to",
    "He is looked up to by friends., by, buy",
    "We by and large agree., by, buy",
    "John and I by the business., by, buy",
    "Pay it by Friday., by, buy",
    "I'm new to the area., new, knew",
    "It's brand new., new, knew",
    "Is she new?, new, knew",
    "The harder they are to distinct., to, two",
  })
  void holdsBackTheContentWordWhereTheFunctionWordReadsAsItStands(
      String text, String heard, String candidate) {
    assertThat(holdsBack(text, heard, candidate, "sound")).isTrue();
    // a pattern calling for the candidate lifts the guard: the pattern is the grammar cue
    assertThat(holdsBack(text, heard, candidate, WordCandidates.PATTERN)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "I have to kids at home., to, two",
    "It takes about to weeks., to, two",
    "I want two book a table., two, to",
    "We're going two the site., two, to",
    "Thanks four calling., four, for",
    "I'm looking four a supplier., four, for",
    "We want to by a new van., by, buy",
    "We'll by a new one., by, buy",
    "We went to by new tools., by, buy",
    "There are for of us., for, four",
    "The last for years were busy., for, four",
    "He new the owner., new, knew",
    "We sent it to the office., to, too",
  })
  void leavesTheModelToDecideWhereTheFunctionWordCannotStand(
      String text, String heard, String candidate) {
    assertThat(holdsBack(text, heard, candidate, "sound")).isFalse();
  }

  @Test
  void aGrammarCueLiftsTheGuard() {
    List<Tokens.Token> tokens = Tokens.split("We have for kids.");
    WordCandidates.Candidate four = new WordCandidates.Candidate("four", "sound", 0, 0, true);
    assertThat(FunctionHomophones.holdsBack(tokens, 2, four, 4.0, false)).isTrue();
    assertThat(FunctionHomophones.holdsBack(tokens, 2, four, 4.0, true)).isFalse();
  }

  @Test
  void correctsTheFunctionWordsOfRealErrors() {
    for (String[] heardMeant :
        List.of(
            new String[] {"I have to kids at home.", "I have two kids at home."},
            new String[] {"We've got to vans on the road.", "We've got two vans on the road."},
            new String[] {"We did the job in to days.", "We did the job in two days."},
            new String[] {
              "The last to years have been busy.", "The last two years have been busy."
            },
            new String[] {"I want two book a table.", "I want to book a table."},
            new String[] {"Can you send it two me?", "Can you send it to me?"},
            new String[] {"We have for vans on the road.", "We have four vans on the road."},
            new String[] {
              "There are for of us in the office.", "There are four of us in the office."
            },
            new String[] {"We need three or for more.", "We need three or four more."},
            new String[] {"Guests can check in from for.", "Guests can check in from four."},
            new String[] {"Friday works, but after to.", "Friday works, but after two."},
            new String[] {"Can we do Monday at for?", "Can we do Monday at four?"},
            new String[] {"The shop's open till to.", "The shop's open till two."},
            new String[] {"Thanks four calling us.", "Thanks for calling us."},
            new String[] {"I'm looking four a new supplier.", "I'm looking for a new supplier."},
            new String[] {"We want to by a new van.", "We want to buy a new van."},
            new String[] {"We'll by a new one next month.", "We'll buy a new one next month."},
            new String[] {"Can I by it online?", "Can I buy it online?"},
            new String[] {"I used to by them online.", "I used to buy them online."},
            new String[] {"We went to by new tools.", "We went to buy new tools."},
            new String[] {"Pay buy bank transfer.", "Pay by bank transfer."},
            new String[] {"Can you pay buy card?", "Can you pay by card?"},
            new String[] {"Buy the way, we're closed Monday.", "By the way, we're closed Monday."},
            new String[] {"It was fixed buy the engineer.", "It was fixed by the engineer."},
            new String[] {"Can you right it down for me?", "Can you write it down for me?"},
            new String[] {"I'll call you back write away.", "I'll call you back right away."},
            new String[] {"Let me no when you're free.", "Let me know when you're free."},
            new String[] {"There's know problem at all.", "There's no problem at all."})) {
      assertThat(clean(heardMeant[0])).as(heardMeant[0]).isEqualTo(heardMeant[1]);
    }
  }

  @Test
  void leavesCorrectEnglishWithTheSameWordsAlone() {
    for (String s :
        List.of(
            "What do you have for kids in the summer?",
            "We need four more.",
            "We have four vans on the road.",
            "We have plans for kids and adults.",
            "We have for months.",
            "We pay four staff.",
            "It will last for years.",
            "We're in for weeks of rain.",
            "I'll pay it by Friday.",
            "It should be done by Friday.",
            "We stand by our prices.",
            "We by and large agree.",
            "He was referred to by name.",
            "It was agreed to by everyone.",
            "We used to buy them in bulk.",
            "We have to answer every call.",
            "Could I by any chance move it?",
            "Right now we use a spreadsheet.",
            "I'll call you right now.",
            "I'll write it down.",
            "We sent letters to customers.",
            "We went to schools across the county.",
            "We got to customers faster than anyone.",
            "Two of them are broken.",
            "We have two that are broken.",
            "Only one is worth it, not two.",
            "The first two go.",
            "We talked to two customers.",
            "No, I don't know.",
            "We no longer do that.",
            "I know one guy who does that.",
            "I'm new to the area.",
            "Is she new?",
            "They are hard to please.",
            "Bye for now.",
            "What did you come around for?",
            "Who is the parcel for?",
            "I'd love to.",
            "We look after two.",
            "We open at four.",
            "It's what we're after.",
            "It closes at two.")) {
      assertThat(clean(s)).isEqualTo(s);
    }
  }
}
