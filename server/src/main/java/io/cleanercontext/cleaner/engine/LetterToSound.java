package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rough pronunciation for a word the CMU dictionary lacks (a name: "Karndean", "Navien",
 * "Tufton"): English spelling rules read left to right, longest letter group first ("igh", "th",
 * "ee", "ar"...), each group one or two ARPAbet phonemes. Good enough to align against what was
 * heard, where every phoneme only needs to be near.
 */
final class LetterToSound {

  private static final Map<String, String> GROUPS =
      Map.ofEntries(
          Map.entry("tch", "CH"),
          Map.entry("igh", "AY"),
          Map.entry("augh", "AO"),
          Map.entry("ough", "AO"),
          Map.entry("eau", "OW"),
          Map.entry("th", "TH"),
          Map.entry("sh", "SH"),
          Map.entry("ch", "CH"),
          Map.entry("ph", "F"),
          Map.entry("wh", "W"),
          Map.entry("ck", "K"),
          Map.entry("ng", "NG"),
          Map.entry("qu", "K W"),
          Map.entry("gh", "G"),
          Map.entry("kn", "N"),
          Map.entry("wr", "R"),
          Map.entry("ee", "IY"),
          Map.entry("ea", "IY"),
          Map.entry("ie", "IY"),
          Map.entry("ei", "EY"),
          Map.entry("ey", "EY"),
          Map.entry("ai", "EY"),
          Map.entry("ay", "EY"),
          Map.entry("oa", "OW"),
          Map.entry("oe", "OW"),
          Map.entry("oo", "UW"),
          Map.entry("ou", "AW"),
          Map.entry("ow", "OW"),
          Map.entry("oi", "OY"),
          Map.entry("oy", "OY"),
          Map.entry("au", "AO"),
          Map.entry("aw", "AO"),
          Map.entry("ew", "UW"),
          Map.entry("ue", "UW"),
          Map.entry("ar", "AA R"),
          Map.entry("or", "AO R"),
          Map.entry("er", "ER"),
          Map.entry("ir", "ER"),
          Map.entry("ur", "ER"),
          Map.entry("a", "AE"),
          Map.entry("e", "EH"),
          Map.entry("i", "IH"),
          Map.entry("o", "AA"),
          Map.entry("u", "AH"),
          Map.entry("y", "IY"),
          Map.entry("b", "B"),
          Map.entry("c", "K"),
          Map.entry("d", "D"),
          Map.entry("f", "F"),
          Map.entry("g", "G"),
          Map.entry("h", "HH"),
          Map.entry("j", "JH"),
          Map.entry("k", "K"),
          Map.entry("l", "L"),
          Map.entry("m", "M"),
          Map.entry("n", "N"),
          Map.entry("p", "P"),
          Map.entry("r", "R"),
          Map.entry("s", "S"),
          Map.entry("t", "T"),
          Map.entry("v", "V"),
          Map.entry("w", "W"),
          Map.entry("x", "K S"),
          Map.entry("z", "Z"));

  private LetterToSound() {}

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
      if (group.equals("c") && i < w.length() && "eiy".indexOf(w.charAt(i)) >= 0) {
        phones = "S"; // soft c: "cinema"
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

  /** The second of two equal consonants adds no sound ("Lloyd", "Callum"). */
  private static boolean doubled(String group, int next, String w) {
    return group.length() == 1
        && next >= 2
        && w.charAt(next - 2) == group.charAt(0)
        && "aeiouy".indexOf(group.charAt(0)) < 0;
  }
}
