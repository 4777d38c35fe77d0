package io.cleanercontext.cleaner.engine;

import java.util.List;

/**
 * The 39 ARPAbet phonemes of the CMU Pronouncing Dictionary and the cost of hearing one as another:
 * an alignment (weighted edit distance) where a phoneme heard as a similar one (a vowel for a
 * vowel, a voiced consonant for its voiceless twin, m for n) costs less than one heard as anything
 * else, and a dropped or added weak sound (r, l, h, a schwa) less than a dropped vowel.
 */
final class Phones {

  static final List<String> ALL =
      List.of(
          "AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW",
          "B", "CH", "D", "DH", "F", "G", "HH", "JH", "K", "L", "M", "N", "NG", "P", "R", "S", "SH",
          "T", "TH", "V", "W", "Y", "Z", "ZH");
  private static final int VOWELS = 15;
  private static final List<String> TWINS =
      List.of(
          "B P", "D T", "G K", "V F", "Z S", "DH TH", "JH CH", "ZH SH", "M N", "N NG", "S SH",
          "Z ZH", "TH F", "DH D", "L R", "W V");
  private static final List<String> WEAK = List.of("R", "L", "HH", "AH", "ER", "Y", "W");
  private static final double[][] SUB = new double[ALL.size()][ALL.size()];
  private static final double[] INDEL = new double[ALL.size()];

  /** The cheapest sound dropped or added (a weak one). */
  private static final double MIN_INDEL = 0.6;

  /** The costliest step of an alike alignment: a weak sound dropped or added. */
  static final double ALIKE_STEP = MIN_INDEL;

  private static final double[][] ALIKE_SUB = new double[ALL.size()][ALL.size()];
  private static final double[] ALIKE_INDEL = new double[ALL.size()];

  static {
    for (int i = 0; i < ALL.size(); i++) {
      for (int j = 0; j < ALL.size(); j++) {
        SUB[i][j] = i == j ? 0.0 : (i < VOWELS && j < VOWELS ? 0.5 : 1.0);
      }
      INDEL[i] = WEAK.contains(ALL.get(i)) ? MIN_INDEL : 1.0;
    }
    for (String pair : TWINS) {
      int a = ALL.indexOf(pair.split(" ")[0]);
      int b = ALL.indexOf(pair.split(" ")[1]);
      SUB[a][b] = 0.4;
      SUB[b][a] = 0.4;
    }
    for (int i = 0; i < ALL.size(); i++) {
      for (int j = 0; j < ALL.size(); j++) {
        ALIKE_SUB[i][j] = SUB[i][j] <= ALIKE_STEP ? SUB[i][j] : Double.POSITIVE_INFINITY;
      }
      ALIKE_INDEL[i] = INDEL[i] <= ALIKE_STEP ? INDEL[i] : Double.POSITIVE_INFINITY;
    }
  }

  private Phones() {}

  static byte id(String phone) {
    int i = ALL.indexOf(phone);
    if (i < 0) {
      throw new IllegalArgumentException("unknown phoneme " + phone);
    }
    return (byte) i;
  }

  /** True when one phoneme is easily heard as the other (the same, a vowel, a voiced twin). */
  static boolean similar(byte a, byte b) {
    return SUB[a][b] <= 0.5;
  }

  /** Weighted edit distance between two phoneme sequences. */
  static double alignment(byte[] a, byte[] b) {
    return alignment(a, b, Double.POSITIVE_INFINITY);
  }

  /**
   * {@link #alignment(byte[], byte[])} when it is at most {@code max}; otherwise some value above
   * {@code max}: the alignment stops at the first row where every cell, plus the dropped or added
   * sounds still needed to even out the lengths from it, exceeds it (costs only add up), so a
   * caller that only wants near matches does not pay for far ones.
   */
  static double alignment(byte[] a, byte[] b, double max) {
    return align(a, b, max, SUB, INDEL);
  }

  /**
   * {@link #alignment(byte[], byte[], double)} where every phoneme is heard as itself or a similar
   * one, or is a weak sound dropped or added (no step above {@value #ALIKE_STEP}); {@link
   * Double#POSITIVE_INFINITY} when no such alignment exists ("easy vet" is not "EasyJet": v is not
   * heard as j).
   */
  static double alikeAlignment(byte[] a, byte[] b, double max) {
    return align(a, b, max, ALIKE_SUB, ALIKE_INDEL);
  }

  private static double align(byte[] a, byte[] b, double max, double[][] sub, double[] indel) {
    double[] prev = new double[b.length + 1];
    double[] cur = new double[b.length + 1];
    for (int j = 1; j <= b.length; j++) {
      prev[j] = prev[j - 1] + indel[b[j - 1]];
    }
    for (int i = 1; i <= a.length; i++) {
      cur[0] = prev[0] + indel[a[i - 1]];
      int left = a.length - i - b.length; // rows minus columns still to go from cell (i, 0)
      double least = cur[0] + MIN_INDEL * Math.abs(left);
      for (int j = 1; j <= b.length; j++) {
        cur[j] =
            Math.min(
                prev[j - 1] + sub[a[i - 1]][b[j - 1]],
                Math.min(prev[j] + indel[a[i - 1]], cur[j - 1] + indel[b[j - 1]]));
        least = Math.min(least, cur[j] + MIN_INDEL * Math.abs(left + j));
      }
      // a margin far below any cost and far above rounding: the bound never cuts a near match
      if (least - 1e-9 > max) {
        return least;
      }
      double[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }
}
