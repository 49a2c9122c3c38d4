package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * Each strategy's consistency guarantee as a stateful property over action sequences with a
 * concurrent slow reader, writes, reads and a moving clock. The run of cache-aside without leases
 * is the counterexample: it finds a sequence that leaves a stale value in the cache.
 */
class ConsistencyProperties {
  static final int TRIES = 60;
  private final List<ConsistencyHarness> opened = new ArrayList<>();

  @AfterTry
  void closeHarnesses() {
    opened.forEach(ConsistencyHarness::close);
    opened.clear();
  }

  // ---- the strategies under test ----------------------------------------------------------

  static CacheStrategy<String, String> cacheAsideWithoutLeases(TestStore s, ManualClock c) {
    return ConsistencyHarness.preset(s, c).cacheAside();
  }

  static CacheStrategy<String, String> cacheAsideWithLeases(TestStore s, ManualClock c) {
    return ConsistencyHarness.preset(s, c).leases(true).cacheAside();
  }

  static CacheStrategy<String, String> readThrough(TestStore s, ManualClock c) {
    return ConsistencyHarness.preset(s, c)
        .staleWhileRevalidate(java.time.Duration.ofSeconds(2))
        .xfetch(1.0)
        .readThrough();
  }

  static CacheStrategy<String, String> writeThrough(TestStore s, ManualClock c) {
    return ConsistencyHarness.preset(s, c).writeThrough();
  }

  static CacheStrategy<String, String> refreshAhead(TestStore s, ManualClock c) {
    return ConsistencyHarness.preset(s, c).refreshAhead(0.5);
  }

  static CacheStrategy<String, String> writeBehind(TestStore s, ManualClock c) {
    return ConsistencyHarness.preset(s, c)
        .writeBehindBatching(
            1_000, 7, java.time.Duration.ofMillis(1), java.time.Duration.ofSeconds(5))
        .writeBehind();
  }

  // ---- properties -------------------------------------------------------------------------

  @Property(tries = TRIES)
  void cacheAsideWithLeases_neverServesAValueOlderThanTheLastWrite(
      @ForAll("cacheAsideWithLeasesRuns") ActionChain<ConsistencyHarness> chain) {
    chain.run();
  }

  @Property(tries = TRIES)
  void readThrough_neverServesAValueOlderThanTheLastWrite(
      @ForAll("readThroughRuns") ActionChain<ConsistencyHarness> chain) {
    chain.run();
  }

  @Property(tries = TRIES)
  void writeThrough_afterAWriteReturns_noReadReturnsAnOlderValue(
      @ForAll("writeThroughRuns") ActionChain<ConsistencyHarness> chain) {
    chain.run();
  }

  @Property(tries = TRIES)
  void refreshAhead_neverServesAValueOlderThanTheLastWrite(
      @ForAll("refreshAheadRuns") ActionChain<ConsistencyHarness> chain) {
    chain.run();
  }

  @Property(tries = TRIES)
  void writeBehind_readsItsWrites_convergesAndNeverReordersAKeysWrites(
      @ForAll("writeBehindRuns") ActionChain<ConsistencyHarness> chain) {
    ConsistencyHarness finalState = chain.run();
    finalState.cache.close();
    finalState.checkConverged();
  }

  /**
   * The counterexample: among generated runs of plain cache-aside, at least one ends with a read
   * that returns an overwritten value. The shortest one found is written to {@code
   * target/stale-set-counterexample.txt} for the docs.
   */
  @Example
  void cacheAsideWithoutLeases_hasAStaleSetCounterexample() throws IOException {
    Optional<List<String>> shortest =
        runs(ConsistencyProperties::cacheAsideWithoutLeases)
            .sampleStream()
            .limit(400)
            .map(this::failingSteps)
            .flatMap(Optional::stream)
            .min(Comparator.comparingInt((List<String> steps) -> steps.size()));

    assertTrue(shortest.isPresent(), "no stale read found for cache-aside without leases");
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "stale-set-counterexample.txt"), shortest.get());
  }

  /** The minimal interleaving of the stale-set race, spelled out. */
  @Example
  void cacheAsideWithoutLeases_slowFillAfterWrite_leavesTheOldValueCached() {
    try (ConsistencyHarness run =
        new ConsistencyHarness(ConsistencyProperties::cacheAsideWithoutLeases)) {
      run.startSlowRead("a"); // misses, reads "a-initial" from the store, is held
      run.write("a"); // stores a-v0 and deletes the (absent) cached entry
      run.finishSlowRead("a"); // fills the cache with a-initial

      assertEquals(Optional.of("a-initial"), run.cache.get("a"));
      assertEquals("a-v0", run.latest("a"));
      assertThrows(AssertionError.class, () -> run.readAndCheck("a"));
    }
  }

  /** The same interleaving with leases: the write revoked the lease, so the old fill is refused. */
  @Example
  void cacheAsideWithLeases_slowFillAfterWrite_isRefused() {
    try (ConsistencyHarness run =
        new ConsistencyHarness(ConsistencyProperties::cacheAsideWithLeases)) {
      run.startSlowRead("a");
      run.write("a");
      run.finishSlowRead("a");

      run.readAndCheck("a");
    }
  }

  private Optional<List<String>> failingSteps(ActionChain<ConsistencyHarness> chain) {
    try {
      chain.run();
      return Optional.empty();
    } catch (AssertionError stale) {
      return Optional.of(chain.transformations());
    } finally {
      closeHarnesses();
    }
  }

  // ---- generators -------------------------------------------------------------------------

  @Provide
  Arbitrary<ActionChain<ConsistencyHarness>> cacheAsideWithLeasesRuns() {
    return runs(ConsistencyProperties::cacheAsideWithLeases);
  }

  @Provide
  Arbitrary<ActionChain<ConsistencyHarness>> readThroughRuns() {
    return runs(ConsistencyProperties::readThrough);
  }

  @Provide
  Arbitrary<ActionChain<ConsistencyHarness>> writeThroughRuns() {
    return runs(ConsistencyProperties::writeThrough);
  }

  @Provide
  Arbitrary<ActionChain<ConsistencyHarness>> refreshAheadRuns() {
    return runs(ConsistencyProperties::refreshAhead);
  }

  @Provide
  Arbitrary<ActionChain<ConsistencyHarness>> writeBehindRuns() {
    return runs(ConsistencyProperties::writeBehind);
  }

  ActionChainArbitrary<ConsistencyHarness> runs(
      BiFunction<TestStore, ManualClock, CacheStrategy<String, String>> strategy) {
    return ActionChain.<ConsistencyHarness>startWith(
            () -> {
              ConsistencyHarness harness = new ConsistencyHarness(strategy);
              opened.add(harness);
              return harness;
            })
        .withAction(3, new Write())
        .withAction(3, new Read())
        .withAction(2, new StartSlowRead())
        .withAction(2, new FinishSlowRead())
        .withAction(2, new StartJoiningRead())
        .withAction(1, new AdvanceClock())
        .withMaxTransformations(16);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of(ConsistencyHarness.KEYS);
  }

  static final class Write implements Action.Independent<ConsistencyHarness> {
    @Override
    public Arbitrary<Transformer<ConsistencyHarness>> transformer() {
      return keys().map(key -> Transformer.mutate("write " + key, run -> run.write(key)));
    }
  }

  static final class Read implements Action.Dependent<ConsistencyHarness> {
    @Override
    public Arbitrary<Transformer<ConsistencyHarness>> transformer(ConsistencyHarness state) {
      return keys()
          .filter(key -> !state.hasSlowRead(key))
          .map(key -> Transformer.mutate("read " + key, run -> run.readAndCheck(key)));
    }

    @Override
    public boolean precondition(ConsistencyHarness state) {
      return ConsistencyHarness.KEYS.stream().anyMatch(key -> !state.hasSlowRead(key));
    }
  }

  static final class StartSlowRead implements Action.Dependent<ConsistencyHarness> {
    @Override
    public Arbitrary<Transformer<ConsistencyHarness>> transformer(ConsistencyHarness state) {
      return keys()
          .filter(key -> !state.hasSlowRead(key))
          .map(key -> Transformer.mutate("start slow read " + key, run -> run.startSlowRead(key)));
    }

    @Override
    public boolean precondition(ConsistencyHarness state) {
      return ConsistencyHarness.KEYS.stream().anyMatch(key -> !state.hasSlowRead(key));
    }
  }

  static final class FinishSlowRead implements Action.Dependent<ConsistencyHarness> {
    @Override
    public Arbitrary<Transformer<ConsistencyHarness>> transformer(ConsistencyHarness state) {
      return keys()
          .filter(state::hasSlowRead)
          .map(
              key -> Transformer.mutate("finish slow read " + key, run -> run.finishSlowRead(key)));
    }

    @Override
    public boolean precondition(ConsistencyHarness state) {
      return ConsistencyHarness.KEYS.stream().anyMatch(state::hasSlowRead);
    }
  }

  static final class StartJoiningRead implements Action.Dependent<ConsistencyHarness> {
    @Override
    public Arbitrary<Transformer<ConsistencyHarness>> transformer(ConsistencyHarness state) {
      return keys()
          .filter(state::hasSlowRead)
          .map(
              key ->
                  Transformer.mutate(
                      "start joining read " + key, run -> run.startJoiningRead(key)));
    }

    @Override
    public boolean precondition(ConsistencyHarness state) {
      return ConsistencyHarness.KEYS.stream().anyMatch(state::hasSlowRead);
    }
  }

  /** A read that begins after a write must not join a load that began before it. */
  @Example
  void readThrough_readAfterWrite_doesNotJoinALoadThatBeganBeforeTheWrite() {
    try (ConsistencyHarness run = new ConsistencyHarness(ConsistencyProperties::readThrough)) {
      run.startSlowRead("a");
      run.write("a");
      run.startJoiningRead("a");
      run.finishSlowRead("a");
    }
  }

  static final class AdvanceClock implements Action.Independent<ConsistencyHarness> {
    @Override
    public Arbitrary<Transformer<ConsistencyHarness>> transformer() {
      return Arbitraries.longs()
          .between(1, 7_000)
          .map(
              ms ->
                  Transformer.mutate("advance clock " + ms + " ms", run -> run.clock.advance(ms)));
    }
  }
}
