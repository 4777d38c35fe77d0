package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rough pronunciation for a word the CMU dictionary lacks (a name: "Karndean", "Navien",
 * "Tufton"): English spelling rules read left to right, longest letter group first ("igh", "th",
 * "ee", "ar"...), each group one or two ARPAbet phonemes ({@code cleaning/letter-to-sound.txt}).
 * Good enough to align against what was heard, where every phoneme only needs to be near.
 */
final class LetterToSound {

  private static final Map<String, String> GROUPS = load();

  private LetterToSound() {}

  private static Map<String, String> load() {
    Map<String, String> groups = new HashMap<>();
    for (String line : WordList.load("/cleaning/letter-to-sound.txt")) {
      String[] parts = line.split("\t");
      groups.put(parts[0], parts[1].toUpperCase(Locale.ROOT)); // WordList lower-cases entries
    }
    return Map.copyOf(groups);
  }

  /** The word's phonemes by spelling rules; empty for a word with no letters. */
  static byte[] pronounce(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    List<Byte> out = new ArrayList<>();
    int i = 0;
    while (i < w.length()) {
      int len = Math.min(4, w.length() - i);
      String phones = null;
      for (; len > 0; len--) {
        phones = GROUPS.get(w.substring(i, i + len));
        if (phones != null) {
          break;
        }
      }
      String group = w.substring(i, i + Math.max(len, 1));
      i += Math.max(len, 1);
      if (phones == null || silentE(group, i, w) || doubled(group, i, w)) {
        continue;
      }
      String longVowel = magicE(group, i, w) ? GROUPS.get(group + "_e") : null;
      phones = longVowel != null ? longVowel : phones;
      if (group.equals("c") && i < w.length() && "eiy".indexOf(w.charAt(i)) >= 0) {
        phones = "S"; // soft c: "cinema"
      }
      if (group.equals("g") && i < w.length() && "eiy".indexOf(w.charAt(i)) >= 0) {
        phones = "JH"; // soft g: "Gestamp"
      }
      for (String p : phones.split(" ")) {
        out.add(Phones.id(p));
      }
    }
    byte[] b = new byte[out.size()];
    for (int k = 0; k < b.length; k++) {
      b[k] = out.get(k);
    }
    return b;
  }

  /** A final e after a consonant is silent ("Tempe" aside, names mostly follow it). */
  private static boolean silentE(String group, int next, String w) {
    return group.equals("e") && next == w.length() && w.length() > 3;
  }

  /**
   * A lone vowel letter before one consonant and a final e is long ("pade" as paid, "rane" as
   * rain): the letters' {@code a_e} group of the data file.
   */
  private static boolean magicE(String group, int next, String w) {
    return group.length() == 1
        && "aeiou".indexOf(group.charAt(0)) >= 0
        && next == w.length() - 2
        && w.length() > 3
        && w.charAt(w.length() - 1) == 'e'
        && "aeiouyw".indexOf(w.charAt(next)) < 0
        && (next < 2 || "aeiou".indexOf(w.charAt(next - 2)) < 0);
  }

  /** The second of two equal consonants adds no sound ("Lloyd", "Callum"). */
  private static boolean doubled(String group, int next, String w) {
    return group.length() == 1
        && next >= 2
        && w.charAt(next - 2) == group.charAt(0)
        && "aeiouy".indexOf(group.charAt(0)) < 0;
  }
}
