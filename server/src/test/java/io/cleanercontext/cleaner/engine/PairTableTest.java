package io.cleanercontext.cleaner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PairTableTest {

  /** Sorted lists of distinct keys, some empty, some long (a common word's followers). */
  private static int[][] lists(Random random, int count) {
    int[][] out = new int[count][];
    for (int l = 0; l < count; l++) {
      int size = l % 7 == 0 ? 0 : l % 50 == 1 ? 3_000 : random.nextInt(40);
      TreeSet<Integer> keys = new TreeSet<>();
      while (keys.size() < size) {
        keys.add(random.nextInt(20_000));
      }
      out[l] = keys.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  @Test
  void findsWhatABinarySearchFindsInEveryList() {
    Random random = new Random(24);
    int[][] lists = lists(random, 600);
    int[] starts = new int[lists.length + 1];
    for (int l = 0; l < lists.length; l++) {
      starts[l + 1] = starts[l] + lists[l].length;
    }
    int[] keys = new int[starts[lists.length]];
    for (int l = 0; l < lists.length; l++) {
      System.arraycopy(lists[l], 0, keys, starts[l], lists[l].length);
    }
    PairTable table = new PairTable(starts, keys);
    assertTrue(table.size() >= keys.length / PairTable.MAX_LOAD, "at most 60 % full");
    assertTrue(table.size() < 2 * keys.length / PairTable.MAX_LOAD, "the least power of two");
    for (int l = 0; l < lists.length; l++) {
      for (int e = starts[l]; e < starts[l + 1]; e++) {
        assertEquals(e, table.find(starts, keys, l, keys[e]));
      }
      for (int probe = 0; probe < 200; probe++) {
        int key = random.nextInt(20_500);
        int i = Arrays.binarySearch(keys, starts[l], starts[l + 1], key);
        assertEquals(
            i >= 0 ? i : -1, table.find(starts, keys, l, key), "list " + l + " key " + key);
      }
    }
  }

  @Test
  void anEmptyModelFindsNothing() {
    PairTable table = new PairTable(new int[] {0, 0}, new int[0]);
    assertEquals(-1, table.find(new int[] {0, 0}, new int[0], 0, 5));
  }
}
