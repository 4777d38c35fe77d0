package io.cleanercontext.cleaner.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A rough pronunciation for a word the CMU dictionary lacks (a name: "Karndean", "Navien",
 * "Tufton"): English spelling rules read left to right, longest letter group first ("igh", "th",
 * "ee", "ar"...), each group one or two ARPAbet phonemes ({@code cleaning/letter-to-sound.txt}).
 * Good enough to align against what was heard, where every phoneme only needs to be near.
 */
final class LetterToSound {

  /** Each letter group's phonemes, as {@link Phones} ids (read once, not split per word). */
  private static final Map<String, byte[]> GROUPS = load();

  private static final byte[] SOFT_C = {Phones.id("S")};
  private static final byte[] SOFT_G = {Phones.id("JH")};

  private LetterToSound() {}

  private static Map<String, byte[]> load() {
    Map<String, byte[]> groups = new HashMap<>();
    for (String line : WordList.load("/cleaning/letter-to-sound.txt")) {
      String[] parts = line.split("\t");
      // WordList lower-cases entries
      String[] phones = parts[1].toUpperCase(Locale.ROOT).split(" ");
      byte[] ids = new byte[phones.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = Phones.id(phones[i]);
      }
      groups.put(parts[0], ids);
    }
    return Map.copyOf(groups);
  }

  /** The word's phonemes by spelling rules; empty for a word with no letters. */
  static byte[] pronounce(String word) {
    String w = letters(word.toLowerCase(Locale.ROOT));
    byte[] out = new byte[2 * w.length()]; // a group is at least one letter, at most two phonemes
    int n = 0;
    int i = 0;
    while (i < w.length()) {
      int len = Math.min(4, w.length() - i);
      byte[] phones = null;
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
      byte[] longVowel = magicE(group, i, w) ? GROUPS.get(group + "_e") : null;
      phones = longVowel != null ? longVowel : phones;
      if (group.equals("c") && i < w.length() && "eiy".indexOf(w.charAt(i)) >= 0) {
        phones = SOFT_C; // soft c: "cinema"
      }
      if (group.equals("g") && i < w.length() && "eiy".indexOf(w.charAt(i)) >= 0) {
        phones = SOFT_G; // soft g: "Gestamp"
      }
      if (n + phones.length > out.length) {
        out = Arrays.copyOf(out, Math.max(2 * out.length, n + phones.length));
      }
      System.arraycopy(phones, 0, out, n, phones.length);
      n += phones.length;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The letters a to z of a lower-case word, nothing else. */
  private static String letters(String lower) {
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c < 'a' || c > 'z') {
        StringBuilder sb = new StringBuilder(lower.length());
        for (int j = 0; j < lower.length(); j++) {
          char d = lower.charAt(j);
          if (d >= 'a' && d <= 'z') {
            sb.append(d);
          }
        }
        return sb.toString();
      }
    }
    return lower;
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
