package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 39 ARPAbet phonemes of the CMU Pronouncing Dictionary and the cost of hearing one as another:
 * an alignment (weighted edit distance) where a phoneme heard as a similar one (a vowel for a
 * vowel, a voiced consonant for its voiceless twin, m for n) costs less than one heard as anything
 * else, and a dropped or added weak sound (r, l, h, a schwa) less than a dropped vowel.
 */
final class Phones {

  private static final String RESOURCE = "/cleaning/phones.txt";
  private static final List<String[]> TABLE = table();

  /** The phonemes in id order ({@code cleaning/phones.txt}). */
  static final List<String> ALL = TABLE.stream().map(f -> f[0]).toList();

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
        SUB[i][j] = i == j ? 0.0 : (isVowel(i) && isVowel(j) ? 0.5 : 1.0);
      }
      INDEL[i] = TABLE.get(i)[2].equals("weak") ? MIN_INDEL : 1.0;
    }
    for (int a = 0; a < ALL.size(); a++) {
      String[] f = TABLE.get(a);
      for (int k = 3; k < f.length; k++) {
        int b = id(f[k]);
        SUB[a][b] = 0.4;
        SUB[b][a] = 0.4;
      }
    }
    for (int i = 0; i < ALL.size(); i++) {
      for (int j = 0; j < ALL.size(); j++) {
        ALIKE_SUB[i][j] = SUB[i][j] <= ALIKE_STEP ? SUB[i][j] : Double.POSITIVE_INFINITY;
      }
      ALIKE_INDEL[i] = INDEL[i] <= ALIKE_STEP ? INDEL[i] : Double.POSITIVE_INFINITY;
    }
  }

  /** The same tables in whole tenths, for a quick first look ({@link PhoneTenths}). */
  private static final PhoneTenths TENTHS = new PhoneTenths(SUB, INDEL);

  private static final PhoneTenths ALIKE_TENTHS = new PhoneTenths(ALIKE_SUB, ALIKE_INDEL);

  private Phones() {}

  /**
   * The class of the phoneme {@code id} in a name's coarse sound key ({@link NameSounds}): 'a' for
   * a vowel, a consonant's class letter, or '-' for a phoneme the key leaves out.
   */
  static char keyClass(int id) {
    return TABLE.get(id)[1].charAt(0);
  }

  private static boolean isVowel(int id) {
    return keyClass(id) == 'a';
  }

  /** The rows of {@code phones.txt}: phoneme, key class, weak or "-", then its twins. */
  private static List<String[]> table() {
    List<String[]> rows = new ArrayList<>();
    for (String line : WordList.lines(RESOURCE)) {
      String[] f = line.split("\\s+");
      if (f.length < 3 || f[1].length() != 1 || !f[2].equals("weak") && !f[2].equals("-")) {
        throw new IllegalStateException(RESOURCE + ": phoneme, key class, weak or -: " + line);
      }
      rows.add(f);
    }
    return List.copyOf(rows);
  }

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
    if (!TENTHS.mayAlignWithin(a, b, max)) {
      return Double.POSITIVE_INFINITY;
    }
    return align(a, b, max, SUB, INDEL);
  }

  /**
   * {@link #alignment(byte[], byte[], double)} where every phoneme is heard as itself or a similar
   * one, or is a weak sound dropped or added (no step above {@value #ALIKE_STEP}); {@link
   * Double#POSITIVE_INFINITY} when no such alignment exists ("easy vet" is not "EasyJet": v is not
   * heard as j).
   */
  static double alikeAlignment(byte[] a, byte[] b, double max) {
    if (!ALIKE_TENTHS.mayAlignWithin(a, b, max)) {
      return Double.POSITIVE_INFINITY;
    }
    return align(a, b, max, ALIKE_SUB, ALIKE_INDEL);
  }

  private static double align(byte[] a, byte[] b, double max, double[][] sub, double[] indel) {
    double[] prev = new double[b.length + 1];
    double[] cur = new double[b.length + 1];
    for (int j = 1; j <= b.length; j++) {
      prev[j] = prev[j - 1] + indel[b[j - 1]];
    }
    // the band: a path through cell (i, j) drops or adds at least |i - j| sounds before it and
    // |(a.length - i) - (b.length - j)| after it, each at least MIN_INDEL, so a cell farther off
    // the diagonal than max allows is on no path of cost max or less (the margin as below)
    int diff = a.length - b.length;
    double reach = Double.isInfinite(max) ? Double.MAX_VALUE : (max + 1e-9) / MIN_INDEL;
    if (reach < Math.abs(diff)) {
      return Double.POSITIVE_INFINITY;
    }
    int slack = (int) Math.min(Integer.MAX_VALUE / 4, Math.floor((reach - Math.abs(diff)) / 2));
    int lowest = Math.min(0, diff) - slack; // i - j from lowest to highest
    int highest = Math.max(0, diff) + slack;
    for (int i = 1; i <= a.length; i++) {
      double[] row = sub[a[i - 1]]; // the heard phoneme's row and its own cost, read once a row
      double drop = indel[a[i - 1]];
      int from = Math.max(1, i - highest);
      int to = Math.min(b.length, i - lowest);
      if (i - highest > 0 || to < b.length) { // cells off the band are on no path here
        Arrays.fill(cur, Double.POSITIVE_INFINITY);
      }
      int left = a.length - i - b.length; // rows minus columns still to go from cell (i, 0)
      double least = Double.POSITIVE_INFINITY;
      if (i - highest <= 0) {
        cur[0] = prev[0] + drop;
        least = cur[0] + MIN_INDEL * Math.abs(left);
      }
      double diagonal = prev[from - 1];
      double before = cur[from - 1];
      for (int j = from; j <= to; j++) {
        byte bj = b[j - 1];
        double above = prev[j];
        double c = Math.min(diagonal + row[bj], Math.min(above + drop, before + indel[bj]));
        cur[j] = c;
        least = Math.min(least, c + MIN_INDEL * Math.abs(left + j));
        diagonal = above;
        before = c;
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
