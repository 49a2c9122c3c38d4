package dev.archlab.examples.id;

import dev.archlab.id.IdGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ids drawn by several simulated nodes at once, each with the moment it was issued, so that
 * duplicates, ordering across nodes and gaps can be measured afterwards.
 */
final class NodeRecords {

  /** Called before node {@code node} draws its {@code i}-th id: the place to inject a fault. */
  interface BeforeDraw {
    void before(int node, int index);
  }

  /** Draws one id; lets a fault phase retry refused calls. */
  interface Draw {
    long draw(int node, int index, IdGenerator generator);
  }

  private final List<long[]> ids;
  private final List<long[]> times;
  private final long elapsedNanos;

  private NodeRecords(List<long[]> ids, List<long[]> times, long elapsedNanos) {
    this.ids = ids;
    this.times = times;
    this.elapsedNanos = elapsedNanos;
  }

  static NodeRecords draw(List<IdGenerator> generators, int perNode, BeforeDraw hook)
      throws InterruptedException {
    return draw(generators, perNode, hook, (node, i, generator) -> generator.nextId());
  }

  /** Each generator is one node, drawing {@code perNode} ids on its own platform thread. */
  static NodeRecords draw(List<IdGenerator> generators, int perNode, BeforeDraw hook, Draw draw)
      throws InterruptedException {
    List<long[]> ids = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int node = 0; node < generators.size(); node++) {
      int nodeIndex = node;
      IdGenerator generator = generators.get(node);
      long[] nodeIds = new long[perNode];
      long[] nodeTimes = new long[perNode];
      ids.add(nodeIds);
      times.add(nodeTimes);
      Thread thread =
          Thread.ofPlatform()
              .name("lab-node-" + node)
              .unstarted(
                  () -> {
                    for (int i = 0; i < perNode; i++) {
                      hook.before(nodeIndex, i);
                      nodeIds[i] = draw.draw(nodeIndex, i, generator);
                      nodeTimes[i] = System.nanoTime();
                    }
                  });
      thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
      threads.add(thread);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    if (!failures.isEmpty()) {
      IllegalStateException failure =
          new IllegalStateException("a simulated node failed: " + failures.get(0), failures.get(0));
      failures.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
    return new NodeRecords(ids, times, elapsed);
  }

  long total() {
    return ids.stream().mapToLong(a -> a.length).sum();
  }

  /** Throughput, duplicates, out-of-order share and (for counters) missing ids. */
  IdExperiment.SteadySummary summary(boolean counter) {
    long[] sorted = sortedIds(List.of(this));
    return new IdExperiment.SteadySummary(
        total(),
        total() / (elapsedNanos / 1e9),
        countDuplicates(sorted),
        outOfOrderShare(),
        counter ? missing(sorted) : "n/a (time-based)");
  }

  /** Duplicates among all ids of all the given draws together. */
  static long duplicates(NodeRecords... draws) {
    return countDuplicates(sortedIds(List.of(draws)));
  }

  private static long[] sortedIds(List<NodeRecords> draws) {
    long total = draws.stream().mapToLong(NodeRecords::total).sum();
    long[] all = new long[Math.toIntExact(total)];
    int at = 0;
    for (NodeRecords draw : draws) {
      for (long[] nodeIds : draw.ids) {
        System.arraycopy(nodeIds, 0, all, at, nodeIds.length);
        at += nodeIds.length;
      }
    }
    Arrays.sort(all);
    return all;
  }

  private static long countDuplicates(long[] sorted) {
    long duplicates = 0;
    for (int i = 1; i < sorted.length; i++) {
      duplicates += sorted[i] == sorted[i - 1] ? 1 : 0;
    }
    return duplicates;
  }

  private static String missing(long[] sorted) {
    if (sorted.length == 0) {
      return "0";
    }
    long span = sorted[sorted.length - 1] - sorted[0] + 1;
    long distinct = sorted.length - countDuplicates(sorted);
    long missing = span - distinct;
    return String.format("%,d (%.1f%%)", missing, 100.0 * missing / span);
  }

  private double outOfOrderShare() {
    return crossNodeOutOfOrderShare(
        times, (nodeA, indexA, nodeB, indexB) -> ids.get(nodeA)[indexA] < ids.get(nodeB)[indexB]);
  }

  /**
   * Whether node {@code a}'s id at {@code indexA} sorts below node {@code b}'s at {@code indexB}.
   */
  interface IdOrder {
    boolean below(int nodeA, int indexA, int nodeB, int indexB);
  }

  /**
   * Walks all ids in the order they were issued in real time (a merge of the nodes' timelines) and,
   * among consecutive pairs issued by different nodes, returns the share whose id went down. Pairs
   * issued in the same nanosecond reading are skipped: their real order is unknown.
   */
  static double crossNodeOutOfOrderShare(List<long[]> times, IdOrder order) {
    long[] cursor = new long[times.size()];
    long total = times.stream().mapToLong(t -> t.length).sum();
    long pairs = 0;
    long outOfOrder = 0;
    int previousNode = -1;
    int previousIndex = -1;
    long previousTime = Long.MIN_VALUE;
    for (long k = 0; k < total; k++) {
      int node = earliest(times, cursor);
      int index = (int) cursor[node]++;
      long time = times.get(node)[index];
      if (previousNode >= 0 && previousNode != node && time > previousTime) {
        pairs++;
        outOfOrder += order.below(node, index, previousNode, previousIndex) ? 1 : 0;
      }
      previousNode = node;
      previousIndex = index;
      previousTime = time;
    }
    return pairs == 0 ? 0 : (double) outOfOrder / pairs;
  }

  /** The node whose next unread record was issued first. */
  private static int earliest(List<long[]> times, long[] cursor) {
    int best = -1;
    long bestTime = Long.MAX_VALUE;
    for (int node = 0; node < times.size(); node++) {
      long[] nodeTimes = times.get(node);
      int i = (int) cursor[node];
      if (i < nodeTimes.length && (best < 0 || nodeTimes[i] < bestTime)) {
        best = node;
        bestTime = nodeTimes[i];
      }
    }
    return best;
  }
}
