package dev.archlab.cache;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory store for tests that can hold a load mid-way (after it read the store, before it
 * returns), fail on demand, slow loads down, and count loads and stores.
 */
final class TestStore implements BackingStore<String, String> {
  final InMemoryBackingStore<String, String> data = new InMemoryBackingStore<>();
  private final Map<String, Gate> gates = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicLong storeCalls = new AtomicLong();
  private volatile boolean failing;
  private volatile long loadDelayMillis;

  /** A held load: {@code arrived} opens when the load has read the store. */
  static final class Gate {
    final CountDownLatch arrived = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
  }

  /** The next load of {@code key} stops after reading the store until the gate is released. */
  Gate holdNextLoad(String key) {
    Gate gate = new Gate();
    gates.put(key, gate);
    return gate;
  }

  void cancelHold(String key, Gate gate) {
    gates.remove(key, gate);
  }

  void failing(boolean failing) {
    this.failing = failing;
  }

  /** The next {@code count} store calls fail. */
  void failNextStores(int count) {
    failuresLeft.set(count);
  }

  void loadDelay(long millis) {
    this.loadDelayMillis = millis;
  }

  @Override
  public Optional<String> load(String key) {
    if (failing) {
      throw new IllegalStateException("test store is down");
    }
    if (loadDelayMillis > 0) {
      sleep(loadDelayMillis);
    }
    Optional<String> value = data.load(key);
    Gate gate = gates.remove(key);
    if (gate != null) {
      gate.arrived.countDown();
      try {
        if (!gate.release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("held load of " + key + " never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return value;
  }

  @Override
  public void store(String key, String value) {
    storeAll(Map.of(key, value));
  }

  @Override
  public void storeAll(Map<String, String> values) {
    if (failing || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("test store is down");
    }
    storeCalls.incrementAndGet();
    values.forEach(data::store);
  }

  long loads() {
    return data.loadCount();
  }

  long storeCalls() {
    return storeCalls.get();
  }

  List<String> history(String key) {
    return data.historyOf(key);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
