package dev.archlab.examples.cache;

import dev.archlab.cache.BackingStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The slow source of truth of the lab: every key exists (value {@code "<key>:0"} until written),
 * and each read or write costs a fixed latency, like a database round trip.
 */
final class SlowStore implements BackingStore<Long, String> {
  private final ConcurrentHashMap<Long, String> values = new ConcurrentHashMap<>();
  private final long latencyNanos;
  private final LongAdder loads = new LongAdder();
  private final LongAdder writes = new LongAdder();

  SlowStore(long latencyMicros) {
    this.latencyNanos = TimeUnit.MICROSECONDS.toNanos(latencyMicros);
  }

  @Override
  public Optional<String> load(Long key) {
    loads.increment();
    pause();
    return Optional.of(values.getOrDefault(key, key + ":0"));
  }

  @Override
  public void store(Long key, String value) {
    writes.increment();
    pause();
    values.put(key, value);
  }

  @Override
  public void storeAll(Map<Long, String> batch) {
    writes.increment();
    pause();
    values.putAll(batch);
  }

  long loads() {
    return loads.sum();
  }

  long writeRoundTrips() {
    return writes.sum();
  }

  private void pause() {
    if (latencyNanos > 0) {
      LockSupport.parkNanos(latencyNanos);
    }
  }
}
