package io.cleanercontext.cleaner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordIdsTest {

  @Test
  void answersAsAMapOfFirstPlacesDoes() {
    Random random = new Random(11);
    String[] words = new String[5_000];
    Map<String, Integer> expected = new HashMap<>();
    for (int i = 0; i < words.length; i++) {
      words[i] = i % 97 == 5 ? words[i / 2] : Integer.toString(random.nextInt(40_000), 36);
      expected.putIfAbsent(words[i], i);
    }
    words[10] = "Aa"; // the same String.hashCode as "BB"
    words[11] = "BB";
    expected.clear();
    for (int i = 0; i < words.length; i++) {
      expected.putIfAbsent(words[i], i);
    }
    WordIds ids = new WordIds(words, words.length);
    for (String w : words) {
      assertEquals(expected.get(w), ids.id(w), w);
      assertEquals(expected.get(w), ids.id(new String(w.toCharArray())), w);
    }
    for (int probe = 0; probe < 20_000; probe++) {
      String w = Integer.toString(random.nextInt(80_000), 36) + (probe % 3 == 0 ? "x" : "");
      assertEquals(expected.getOrDefault(w, -1), ids.id(w), w);
    }
  }

  @Test
  void theModelsWordsAreTheirIds() {
    LanguageModel lm = LanguageModel.get();
    assertEquals(-1, lm.id("zqxjkvw"));
    assertEquals(lm.id("the"), lm.id(new String("the".toCharArray())));
  }
}
