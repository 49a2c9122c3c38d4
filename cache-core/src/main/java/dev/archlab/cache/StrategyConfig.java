package dev.archlab.cache;

import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/** Everything a strategy was built with; validated by {@link Caches.Builder}. */
record StrategyConfig<K, V>(
    BackingStore<K, V> store,
    CacheTier<K, V> tier,
    CacheClock clock,
    long ttlMillis,
    double ttlJitter,
    long staleWhileRevalidateMillis,
    long staleIfErrorMillis,
    double xfetchBeta,
    boolean singleFlight,
    boolean leases,
    long leaseMillis,
    long leaseWaitMillis,
    long loadTimeoutMillis,
    DoubleSupplier random,
    Executor refreshExecutor,
    boolean ownsRefreshExecutor,
    double refreshAheadFraction,
    WriteBehindSettings<K, V> writeBehind) {

  /** Options only write-behind uses. */
  record WriteBehindSettings<K, V>(
      WriteBehindQueue<K, V> queue,
      int capacity,
      int maxBatch,
      long flushIntervalMillis,
      long offerTimeoutMillis,
      long retryMinMillis,
      long retryMaxMillis,
      long closeTimeoutMillis) {}

  /** How long a tier keeps an entry after its fresh period ends. */
  long retainStaleMillis() {
    return Math.max(staleWhileRevalidateMillis, staleIfErrorMillis);
  }
}
