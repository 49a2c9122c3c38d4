package dev.archlab.examples.id;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRecordsTest {

  @Test
  void crossNodeOutOfOrderShare_countsOnlyHandoversBetweenNodesWhereTheIdWentDown() {
    // Real issue order by time: a0(10) b0(20) a1(30) a2(40) b1(50) -> handovers a0>b0, b0>a1,
    // a2>b1. Ids: a = 5, 6, 7; b = 1, 9: b0 (1) < a0 (5) is down, a1 (6) < b0 (1) is not,
    // b1 (9) < a2 (7) is not. One of three handovers went down.
    List<long[]> times = List.of(new long[] {10, 30, 40}, new long[] {20, 50});
    long[][] ids = {{5, 6, 7}, {1, 9}};

    double share =
        NodeRecords.crossNodeOutOfOrderShare(
            times, (nodeA, indexA, nodeB, indexB) -> ids[nodeA][indexA] < ids[nodeB][indexB]);

    assertEquals(1.0 / 3, share, 1e-12);
  }

  @Test
  void crossNodeOutOfOrderShare_skipsPairsIssuedAtTheSameReading() {
    List<long[]> times = List.of(new long[] {10}, new long[] {10});
    long[][] ids = {{5}, {1}};

    double share =
        NodeRecords.crossNodeOutOfOrderShare(
            times, (nodeA, indexA, nodeB, indexB) -> ids[nodeA][indexA] < ids[nodeB][indexB]);

    assertEquals(0.0, share);
  }
}
