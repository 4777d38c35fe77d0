package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words a recogniser confuses although the CMU dictionary does not make them sound alike ({@code
 * cleaning/confusion-sets.txt}: one set per line). Each word of a set is a candidate for every
 * other, in both directions; the evidence decides.
 */
final class ConfusionSets {

  private static final String RESOURCE = "/cleaning/confusion-sets.txt";

  private static final class Holder {
    static final ConfusionSets INSTANCE = new ConfusionSets();
  }

  private final Map<String, List<String>> partners = new HashMap<>();

  private ConfusionSets() {
    for (String line : WordList.lines(RESOURCE)) {
      String[] words = line.split("\\s+");
      for (String a : words) {
        for (String b : words) {
          if (!a.equals(b)) {
            partners.computeIfAbsent(a, k -> new ArrayList<>(2)).add(b);
          }
        }
      }
    }
  }

  static ConfusionSets get() {
    return Holder.INSTANCE;
  }

  List<String> partners(String lowerWord) {
    return partners.getOrDefault(lowerWord, List.of());
  }
}
