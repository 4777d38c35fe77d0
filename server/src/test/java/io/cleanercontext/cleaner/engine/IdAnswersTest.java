package io.cleanercontext.cleaner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdAnswersTest {

  @Test
  void asksOncePerIdAndEveryTimeWithoutOne() {
    List<String> asked = new ArrayList<>();
    IdAnswers longWord =
        new IdAnswers(
            3,
            w -> {
              asked.add(w);
              return w.length() > 3;
            });
    assertTrue(longWord.test(0, "house"));
    assertTrue(longWord.test(0, "house"));
    assertFalse(longWord.test(2, "cat"));
    assertFalse(longWord.test(2, "cat"));
    assertTrue(longWord.test(-1, "zyzzyva"));
    assertTrue(longWord.test(-1, "zyzzyva"));
    assertFalse(longWord.test(7, "dog")); // beyond the ids: asked, not kept
    assertFalse(longWord.test(7, "dog"));
    assertEquals(List.of("house", "cat", "zyzzyva", "zyzzyva", "dog", "dog"), asked);
  }

  @Test
  void theHeardWordsFactsByIdAreTheDictionarysByWord() {
    TermSounds sounds = new TermSounds(Pronunciations.get());
    List<Tokens.Token> tokens = Tokens.split("the train from harrow gate zqxv in the morning");
    HeardWords byId = sounds.heard(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      String w = tokens.get(i).lower();
      assertEquals(LanguageModel.get().id(w), byId.id(i));
      assertEquals(EnglishDictionary.get().isLowerCaseWord(w), byId.everyday(i), w);
      assertEquals(CommonWords.isStopword(w), byId.stopword(i), w);
    }
  }
}
