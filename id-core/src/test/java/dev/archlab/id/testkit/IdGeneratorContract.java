package dev.archlab.id.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.archlab.id.IdGenerator;
import dev.archlab.id.IdGenerator.Guarantee;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The properties every {@link IdGenerator} must satisfy, written once as a jqwik contract.
 *
 * <p>To check your own generator, depend on this module's test-jar and implement this interface in
 * a test class whose name ends in {@code Test} or {@code Properties}:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.archlab</groupId>
 *   <artifactId>id-core</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 *
 * class MyGeneratorContractTest implements IdGeneratorContract {
 *   public IdGenerator newGenerator() {
 *     return new MyGenerator(nodeId(0));
 *   }
 *
 *   public List<IdGenerator> newGeneratorsSharingOneScope(int n) {
 *     // n generators that must never collide, e.g. distinct node ids of one cluster
 *     return IntStream.range(0, n).mapToObj(i -> (IdGenerator) new MyGenerator(nodeId(i))).toList();
 *   }
 * }
 * }</pre>
 *
 * <p>The properties: ids are unique across several generators of one scope and many threads; never
 * negative; increasing per generator (per calling thread under concurrency) when the generator
 * advertises {@link Guarantee#MONOTONIC}; evenly spaced on one thread when it advertises {@link
 * Guarantee#GAP_FREE}; {@code nextIds(n)} returns {@code n} ids consistent with {@code nextId()}; a
 * negative count is rejected. Generators implementing {@link AutoCloseable} are closed after each
 * try. Sizes are kept small so a run takes seconds; a generator limited to a few thousand ids per
 * second still passes.
 *
 * @since 0.1
 */
public interface IdGeneratorContract {

  /** A fresh generator; it may share its scope with generators returned earlier. */
  IdGenerator newGenerator();

  /**
   * {@code n} fresh generators that are promised never to collide with one another, such as
   * Snowflake generators with distinct worker ids or clients of one ticket-server group.
   */
  List<IdGenerator> newGeneratorsSharingOneScope(int n);

  /** Ids from several generators, each called from several threads at once, are all unique. */
  @Property(tries = 12)
  default void idsAreUniqueAcrossGeneratorsAndThreads(
      @ForAll @IntRange(min = 1, max = 3) int generatorCount,
      @ForAll @IntRange(min = 1, max = 3) int threadsPerGenerator,
      @ForAll @IntRange(min = 1, max = 400) int idsPerThread)
      throws Exception {
    List<IdGenerator> generators = newGeneratorsSharingOneScope(generatorCount);
    assertEquals(generatorCount, generators.size(), "newGeneratorsSharingOneScope size");
    try {
      List<long[]> perThread = drawConcurrently(generators, threadsPerGenerator, idsPerThread);
      Set<Long> seen = new HashSet<>();
      for (long[] ids : perThread) {
        for (long id : ids) {
          if (!seen.add(id)) {
            fail("duplicate id " + id + " across " + generators);
          }
        }
      }
      assertEquals(generatorCount * threadsPerGenerator * idsPerThread, seen.size());
      checkPerThreadOrder(generators, threadsPerGenerator, perThread);
    } finally {
      closeAll(generators);
    }
  }

  /** Ids are never negative. */
  @Property(tries = 10)
  default void idsAreNeverNegative(@ForAll @IntRange(min = 1, max = 2_000) int count)
      throws Exception {
    IdGenerator generator = newGenerator();
    try {
      for (int i = 0; i < count; i++) {
        long id = generator.nextId();
        assertTrue(id >= 0, () -> "negative id " + id + " from " + generator);
      }
    } finally {
      closeAll(List.of(generator));
    }
  }

  /**
   * One thread sees increasing ids from a generator that advertises {@link Guarantee#MONOTONIC},
   * evenly spaced ones from a {@link Guarantee#GAP_FREE} one, and distinct ones from any.
   */
  @Property(tries = 10)
  default void idsFollowTheAdvertisedOrderOnOneThread(
      @ForAll @IntRange(min = 2, max = 3_000) int count) throws Exception {
    IdGenerator generator = newGenerator();
    try {
      long[] ids = new long[count];
      for (int i = 0; i < count; i++) {
        ids[i] = generator.nextId();
      }
      checkOrder(generator, ids);
    } finally {
      closeAll(List.of(generator));
    }
  }

  /**
   * {@code nextIds(n)} returns {@code n} distinct ids that also differ from ids drawn with {@code
   * nextId()} before and after, in the advertised order.
   */
  @Property(tries = 10)
  default void nextIdsIsConsistentWithNextId(@ForAll @IntRange(min = 0, max = 2_000) int count)
      throws Exception {
    IdGenerator generator = newGenerator();
    try {
      long before = generator.nextId();
      long[] batch = generator.nextIds(count);
      long after = generator.nextId();
      assertEquals(count, batch.length, "nextIds(" + count + ") length");

      long[] all = new long[count + 2];
      all[0] = before;
      System.arraycopy(batch, 0, all, 1, count);
      all[count + 1] = after;
      checkOrder(generator, all);
      for (long id : all) {
        assertTrue(id >= 0, () -> "negative id " + id);
      }
    } finally {
      closeAll(List.of(generator));
    }
  }

  /** A negative count is rejected with a message naming it; zero yields an empty array. */
  @Example
  default void nextIdsRejectsANegativeCount() throws Exception {
    IdGenerator generator = newGenerator();
    try {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> generator.nextIds(-1));
      assertTrue(
          error.getMessage().contains("count") && error.getMessage().contains("-1"),
          () -> "message should name count and the value: " + error.getMessage());
      assertEquals(0, generator.nextIds(0).length);
    } finally {
      closeAll(List.of(generator));
    }
  }

  /** The advertised guarantees do not change while the generator is used. */
  @Example
  default void guaranteesAreStable() throws Exception {
    IdGenerator generator = newGenerator();
    try {
      Set<Guarantee> first = Set.copyOf(generator.guarantees());
      generator.nextId();
      assertEquals(first, Set.copyOf(generator.guarantees()));
    } finally {
      closeAll(List.of(generator));
    }
  }

  private static void checkOrder(IdGenerator generator, long[] ids) {
    Set<Guarantee> guarantees = generator.guarantees();
    Set<Long> distinct = new HashSet<>();
    for (int i = 0; i < ids.length; i++) {
      long id = ids[i];
      assertTrue(distinct.add(id), () -> "repeated id " + id + " from " + generator);
      if (i == 0) {
        continue;
      }
      long previous = ids[i - 1];
      if (guarantees.contains(Guarantee.MONOTONIC)) {
        assertTrue(
            id > previous,
            "MONOTONIC generator " + generator + " returned " + id + " after " + previous);
      }
      if (guarantees.contains(Guarantee.GAP_FREE)) {
        assertEquals(
            ids[1] - ids[0],
            id - previous,
            "GAP_FREE generator " + generator + " changed its stride at position " + i);
      }
    }
  }

  private static void checkPerThreadOrder(
      List<IdGenerator> generators, int threadsPerGenerator, List<long[]> perThread) {
    for (int g = 0; g < generators.size(); g++) {
      if (!generators.get(g).guarantees().contains(Guarantee.MONOTONIC)) {
        continue;
      }
      for (int t = 0; t < threadsPerGenerator; t++) {
        long[] ids = perThread.get(g * threadsPerGenerator + t);
        for (int i = 1; i < ids.length; i++) {
          long previous = ids[i - 1];
          long id = ids[i];
          assertTrue(
              id > previous,
              () -> "MONOTONIC generator returned " + id + " after " + previous + " on one thread");
        }
      }
    }
  }

  /** Runs every thread against its generator at once; results are generator-major. */
  private static List<long[]> drawConcurrently(
      List<IdGenerator> generators, int threadsPerGenerator, int idsPerThread)
      throws InterruptedException, ExecutionException, TimeoutException {
    ExecutorService pool = Executors.newFixedThreadPool(generators.size() * threadsPerGenerator);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<long[]>> futures = new ArrayList<>();
      for (IdGenerator generator : generators) {
        for (int t = 0; t < threadsPerGenerator; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    long[] ids = new long[idsPerThread];
                    for (int i = 0; i < idsPerThread; i++) {
                      ids[i] = generator.nextId();
                    }
                    return ids;
                  }));
        }
      }
      start.countDown();
      List<long[]> results = new ArrayList<>();
      for (Future<long[]> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void closeAll(List<IdGenerator> generators) throws Exception {
    for (IdGenerator generator : generators) {
      if (generator instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
