package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The state of one consistency run: a strategy over a {@link TestStore} whose loads the test can
 * hold mid-way, the values written to each key in order, and the reads still in flight.
 *
 * <p>Actions run one at a time on the test thread, except slow reads: each runs on its own thread
 * and is held after it read the store, so a write can land between that read and the cache fill.
 * That is the interleaving behind the stale-set race.
 */
final class ConsistencyHarness implements AutoCloseable {
  static final List<String> KEYS = List.of("a", "b");

  final TestStore store = new TestStore();
  final ManualClock clock = new ManualClock();
  final CacheStrategy<String, String> cache;
  private final Map<String, List<String>> written = new HashMap<>();
  private final Map<String, SlowRead> slowReads = new HashMap<>();
  private int nextValue;

  private record SlowRead(Thread thread, TestStore.Gate gate, List<JoiningRead> joiners) {}

  /** A read started while a slow read of its key was held; checked when that read finishes. */
  private record JoiningRead(Thread thread, String mustSeeAtLeast, List<Optional<String>> result) {}

  ConsistencyHarness(BiFunction<TestStore, ManualClock, CacheStrategy<String, String>> strategy) {
    for (String key : KEYS) {
      store.data.store(key, key + "-initial");
    }
    this.cache = strategy.apply(store, clock);
  }

  /** Builder preset shared by the consistency runs. */
  static Caches.Builder<String, String> preset(TestStore store, ManualClock clock) {
    return Caches.builder((BackingStore<String, String>) store)
        .tier(Tiers.caffeine(100, clock))
        .clock(clock)
        .ttl(Duration.ofSeconds(10))
        .ttlJitter(0)
        .refreshExecutor(Runnable::run)
        .leaseTimeouts(Duration.ofMinutes(10), Duration.ofMillis(5));
  }

  boolean hasSlowRead(String key) {
    return slowReads.containsKey(key);
  }

  /** Writes a new unique value and waits for the strategy to acknowledge it. */
  void write(String key) {
    String value = key + "-v" + nextValue++;
    cache.put(key, value);
    written.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  /** Reads on the test thread and checks it saw the latest acknowledged write. */
  void readAndCheck(String key) {
    Optional<String> value = cache.get(key);
    assertEquals(
        Optional.of(latest(key)),
        value,
        "read of " + key + " returned an older value than the last acknowledged write");
  }

  String latest(String key) {
    List<String> values = written.get(key);
    return values == null ? key + "-initial" : values.get(values.size() - 1);
  }

  /** Starts a read on its own thread; if it has to load, holds it after it read the store. */
  void startSlowRead(String key) {
    TestStore.Gate gate = store.holdNextLoad(key);
    Thread reader = Thread.ofPlatform().daemon().start(() -> cache.get(key));
    try {
      while (!gate.arrived.await(1, TimeUnit.MILLISECONDS)) {
        if (!reader.isAlive()) {
          store.cancelHold(key, gate);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    slowReads.put(key, new SlowRead(reader, gate, new ArrayList<>()));
  }

  /**
   * Starts another read of {@code key} while its slow read is held. It may join that load
   * (single-flight) or wait for its lease; whatever it returns must not be older than the last
   * write acknowledged before it started.
   */
  void startJoiningRead(String key) {
    List<Optional<String>> result = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = Thread.ofPlatform().daemon().start(() -> result.add(cache.get(key)));
    slowReads.get(key).joiners().add(new JoiningRead(reader, latest(key), result));
  }

  /** Lets the held read of {@code key} fill the cache and finish. */
  void finishSlowRead(String key) {
    SlowRead read = slowReads.remove(key);
    read.gate().release.countDown();
    try {
      read.thread().join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertFalse(read.thread().isAlive(), "slow read of " + key + " did not finish");
    for (JoiningRead joiner : read.joiners()) {
      try {
        joiner.thread().join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertFalse(joiner.thread().isAlive(), "joining read of " + key + " did not finish");
      String seen = joiner.result().get(0).orElseThrow();
      assertTrue(
          order(key).indexOf(seen) >= order(key).indexOf(joiner.mustSeeAtLeast()),
          "a read of "
              + key
              + " that began after "
              + joiner.mustSeeAtLeast()
              + " was acknowledged returned "
              + seen);
    }
  }

  /** Every value of {@code key} in write order, the initial one first. */
  private List<String> order(String key) {
    List<String> order = new ArrayList<>(written.getOrDefault(key, List.of()));
    order.add(0, key + "-initial");
    return order;
  }

  /** After close: the store holds each key's last write, and no key's writes were reordered. */
  void checkConverged() {
    for (String key : KEYS) {
      assertEquals(Optional.of(latest(key)), store.data.load(key), "store value of " + key);
      List<String> applied = store.history(key);
      List<String> order = new ArrayList<>(written.getOrDefault(key, List.of()));
      order.add(0, key + "-initial");
      int position = -1;
      for (String value : applied) {
        int at = order.indexOf(value);
        assertTrue(
            at > position,
            "store saw " + key + " writes out of order: " + applied + " vs " + order);
        position = at;
      }
    }
  }

  /** Releases every held read and waits for all reader threads; checks nothing. */
  @Override
  public void close() {
    for (SlowRead read : slowReads.values()) {
      read.gate().release.countDown();
    }
    for (SlowRead read : slowReads.values()) {
      try {
        read.thread().join(10_000);
        for (JoiningRead joiner : read.joiners()) {
          joiner.thread().join(10_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    slowReads.clear();
    cache.close();
  }
}
