package dev.archlab.cache;

import com.google.common.math.LongMath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * The read path every strategy shares, with its stampede controls:
 *
 * - single-flight: concurrent misses on one key on this node wait for one load; a write of the
 *   key detaches that load, so a reader that starts after the write never gets its older value;
 * - XFetch (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede
 *   Prevention", VLDB 2015): a reader treats a fresh entry as expired with a probability that
 *   grows as expiry nears, scaled by how long the last load took (delta) and beta; so one reader
 *   usually recomputes before the entry expires for everyone;
 * - stale-while-revalidate: after the fresh period, within a window, serve the old value and
 *   refresh once in the background;
 * - leases (Nishtala et al., "Scaling Memcache at Facebook", NSDI 2013): a filler must hold the
 *   key's lease, which any write of the key revokes, so a slow load never overwrites a newer
 *   write; readers that find the lease taken wait briefly for the holder's fill;
 * - stale-if-error: when the source throws, serve a value up to staleIfError past its fresh
 *   period, else raise CacheException;
 * - load timeout: loads run on their own virtual thread and callers wait at most the load
 *   timeout; then every caller of that load gets CacheException (or a value within
 *   staleIfError), the flight ends so the next read starts a new load, and the late load, if it
 *   ever returns, does not fill.
 *
 * Subclasses supply the write path and may hook hits (refresh-ahead) and loads (write-behind
 * reads its own pending writes before the store).
 */
abstract class AbstractCacheStrategy<K, V> implements CacheStrategy<K, V> {
  private static final Logger log = LoggerFactory.getLogger(AbstractCacheStrategy.class);
  private static final ThreadFactory LOADERS = Thread.ofVirtual().name("cache-load-", 0).factory();
  // A waiter re-reads the clock at least this often, so a test clock that jumps is noticed.
  private static final long WAIT_SLICE_MILLIS = 20;

  final StrategyConfig<K, V> config;
  final CacheTier<K, V> tier;
  final BackingStore<K, V> store;
  final CacheClock clock;
  final StatsRecorder stats;
  private final String name;
  private final ConcurrentHashMap<K, Flight<V>> flights = new ConcurrentHashMap<>();
  private final Set<K> refreshing = ConcurrentHashMap.newKeySet();
  private final boolean hitsNeedTheTime;
  private final boolean xfetch;
  private final boolean refreshesAhead;
  // The tier itself when it is a Caffeine tier on our clock: then a hit reads the clock once.
  private final @Nullable CaffeineTier<K, V> local;
  private final LongAdder localAndOwnHits = new LongAdder();
  // Every load callers are waiting for, single-flight or not, so close() can end their wait.
  private final Set<Flight<V>> running = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * The keys whose loads the current thread serves, innermost first; set on load threads only. A
   * load that reads a key on its own chain would wait for itself until the load timeout (with
   * single-flight) or start loads without end (without it).
   */
  private record LoadChain(
      AbstractCacheStrategy<?, ?> strategy, Object key, @Nullable LoadChain outer) {
    boolean includes(AbstractCacheStrategy<?, ?> strategy, Object key) {
      for (LoadChain link = this; link != null; link = link.outer) {
        if (link.strategy == strategy && link.key.equals(key)) {
          return true;
        }
      }
      return false;
    }

    /** The keys from the outermost load to the innermost, e.g. {@code 'a' -> 'b'}. */
    String path() {
      String inner = "'" + key + "'";
      return outer == null ? inner : outer.path() + " -> " + inner;
    }
  }

  private static final ThreadLocal<@Nullable LoadChain> LOADING = new ThreadLocal<>();

  /**
   * How a load that failed ends its flight: each caller then decides, with its own cached value,
   * whether stale-if-error serves it, and counts that stale serve itself.
   */
  private static final class SourceFailed extends RuntimeException {
    SourceFailed(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** One load and the callers waiting for it; it fails with a timeout at its deadline. */
  private static final class Flight<V> extends CompletableFuture<Optional<V>> {
    final Object key;
    final long deadlineMillis;

    Flight(Object key, long deadlineMillis) {
      this.key = key;
      this.deadlineMillis = deadlineMillis;
    }
  }

  AbstractCacheStrategy(String name, StrategyConfig<K, V> config) {
    this.name = name;
    this.config = config;
    this.tier = config.tier();
    this.store = config.store();
    this.clock = config.clock();
    this.stats = new StatsRecorder(name, new DegradedTracker(name + " source", clock));
    this.hitsNeedTheTime = config.xfetchBeta() > 0 || config.refreshAheadFraction() > 0;
    this.xfetch = config.xfetchBeta() > 0;
    this.refreshesAhead = config.refreshAheadFraction() > 0;
    this.local =
        tier instanceof CaffeineTier<K, V> caffeine && caffeine.clock() == clock ? caffeine : null;
    if (local != null) {
      local.countHitsFrom(localAndOwnHits);
      stats.countHitsFrom(localAndOwnHits);
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public Optional<V> get(K key) {
    Objects.requireNonNull(key, "key");
    CaffeineTier<K, V> local = this.local;
    if (local == null) {
      return getThroughTier(key);
    }
    // Kept small so the compiler inlines it whole: one clock read serves the tier's deadline
    // check and the freshness check, and a plain hit increments one counter that is both the
    // tier's and this strategy's.
    long now = clock.millis();
    CacheEntry<V> entry = local.getCountingMisses(key, now);
    if (entry != null && !xfetch && entry.isFresh(now)) {
      localAndOwnHits.increment();
      if (refreshesAhead) {
        afterHit(key, entry, now);
      }
      return entry.present();
    }
    return afterLocalLookup(local, key, entry, now);
  }

  private Optional<V> afterLocalLookup(
      CaffeineTier<K, V> local, K key, @Nullable CacheEntry<V> entry, long now) {
    if (entry == null) {
      return miss(key, null);
    }
    if (isPlainHit(entry, now)) {
      localAndOwnHits.increment();
      afterHit(key, entry, now);
      return entry.present();
    }
    local.countHit();
    return notAPlainHit(key, entry, now);
  }

  private Optional<V> getThroughTier(K key) {
    CacheEntry<V> entry = tier.get(key);
    if (entry == null) {
      return miss(key, null);
    }
    // A tier returns only unexpired entries; without a stale period that means fresh, so the
    // common hit needs no clock read unless XFetch or refresh-ahead look at the time.
    if (entry.freshUntilMillis() == entry.expiresAtMillis() && !hitsNeedTheTime) {
      stats.hits.increment();
      return entry.present();
    }
    long now = clock.millis();
    if (isPlainHit(entry, now)) {
      stats.hits.increment();
      if (hitsNeedTheTime) {
        afterHit(key, entry, now);
      }
      return entry.present();
    }
    return notAPlainHit(key, entry, now);
  }

  /** Fresh, and XFetch (when on) does not pick this read to recompute early. */
  private boolean isPlainHit(CacheEntry<V> entry, long now) {
    return entry.isFresh(now) && !(xfetch && expiresEarly(entry, now));
  }

  /** An entry picked for early recomputation, stale within the SWR window, or too old. */
  private Optional<V> notAPlainHit(K key, CacheEntry<V> entry, long now) {
    if (!entry.isFresh(now)
        && now
            < LongMath.saturatedAdd(
                entry.freshUntilMillis(), config.staleWhileRevalidateMillis())) {
      stats.staleServes.increment();
      refreshInBackground(key, entry);
      return entry.present();
    }
    return miss(key, entry);
  }

  private Optional<V> miss(K key, @Nullable CacheEntry<V> entry) {
    stats.misses.increment();
    return loadAndFill(key, entry, true);
  }

  @Override
  public void invalidate(K key) {
    Objects.requireNonNull(key, "key");
    tier.invalidate(key);
    afterWrite(key);
  }

  /**
   * Called by every write once the cache reflects it: a load that began before the write may return
   * the old value to callers already waiting on it, but no later reader may join it.
   */
  final void afterWrite(K key) {
    flights.remove(key);
  }

  @Override
  public CacheStats stats() {
    return stats.snapshot(List.of(tier.stats()));
  }

  @Override
  public void close() {
    closed = true;
    // A load that hangs would otherwise keep its callers waiting until the load timeout.
    for (Flight<V> flight : running) {
      flight.completeExceptionally(
          new CacheException(
              "the cache was closed while key '"
                  + flight.key
                  + "' was loading; the load is"
                  + " abandoned"));
    }
    if (config.ownsRefreshExecutor() && config.refreshExecutor() instanceof ExecutorService pool) {
      pool.shutdown();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    tier.close();
  }

  /** Rejects a null key or value before a write reaches the store or the tier. */
  static void requireWritable(Object key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, () -> "value of key '" + key + "'");
  }

  /** Called on each fresh hit when XFetch or refresh-ahead is on; refresh-ahead refreshes here. */
  void afterHit(K key, CacheEntry<V> entry, long nowMillis) {}

  /** Where a miss reads from; write-behind looks at its unflushed writes first. */
  Optional<V> loadFromSource(K key) {
    return store.load(key);
  }

  /** XFetch's test: recompute when {@code now - delta * beta * ln(u) >= expiry}, u in (0,1]. */
  final boolean expiresEarly(CacheEntry<V> entry, long nowMillis) {
    double u = 1.0 - nextRandom();
    double gap = entry.loadMillis() * config.xfetchBeta() * -Math.log(u);
    return nowMillis + gap >= entry.freshUntilMillis();
  }

  /**
   * The next draw of the configured random source, checked: a bad one would corrupt entry times.
   */
  private double nextRandom() {
    double draw = config.random().getAsDouble();
    if (!(draw >= 0 && draw < 1)) {
      throw new IllegalStateException(
          "the random source given to Caches.Builder.random returned "
              + draw
              + "; it must return values in [0, 1)");
    }
    return draw;
  }

  /** A new entry for {@code value} with a jittered TTL, so keys loaded together expire apart. */
  final CacheEntry<V> newEntry(V value, long loadNanos) {
    long now = clock.millis();
    long ttl = config.ttlMillis();
    long jitter = (long) (ttl * config.ttlJitter() * nextRandom());
    // Saturating: a TTL or stale window of "forever" must not wrap around to the past.
    long freshUntil = LongMath.saturatedAdd(now, ttl - jitter);
    long loadMillis = (loadNanos + 999_999) / 1_000_000;
    return new CacheEntry<>(
        value,
        now,
        freshUntil,
        LongMath.saturatedAdd(freshUntil, config.retainStaleMillis()),
        loadMillis);
  }

  /** Reloads {@code key} once in the background; {@code current} is the entry being replaced. */
  final void refreshInBackground(K key, CacheEntry<V> current) {
    if (!refreshing.add(key)) {
      return;
    }
    try {
      config
          .refreshExecutor()
          .execute(
              () -> {
                try {
                  loadAndFill(key, current, false);
                } catch (RuntimeException refreshFailed) {
                  // The stale value keeps being served until it expires; the failure is counted.
                  log.debug("background refresh of {} failed", key, refreshFailed);
                } finally {
                  refreshing.remove(key);
                }
              });
    } catch (RuntimeException rejected) {
      refreshing.remove(key);
      log.debug("background refresh of {} not scheduled", key, rejected);
    }
  }

  /**
   * Loads {@code key} (or joins its running load) and waits for it. {@code reader} is false for a
   * background refresh: a stale value it falls back on reaches no reader, so it is not counted.
   */
  final Optional<V> loadAndFill(K key, @Nullable CacheEntry<V> stale, boolean reader) {
    LoadChain chain = LOADING.get();
    if (chain != null && chain.includes(this, key)) {
      throw new IllegalStateException(
          "key '"
              + key
              + "' is read by its own load ("
              + chain.path()
              + " -> '"
              + key
              + "'): a BackingStore must not read, through the cache, the key it is loading");
    }
    if (closed) {
      throw new IllegalStateException("cache " + name + " is closed; read of key '" + key + "'");
    }
    Flight<V> mine =
        new Flight<>(key, LongMath.saturatedAdd(clock.millis(), config.loadTimeoutMillis()));
    running.add(mine);
    if (closed) {
      // close() may have looked at `running` before we joined it.
      mine.completeExceptionally(
          new CacheException("the cache was closed before key '" + key + "' was loaded"));
    }
    mine.whenComplete(
        (value, failure) -> {
          running.remove(mine);
          if (failure instanceof TimeoutException timeout) {
            stats.loadFailures.increment();
            stats.degraded().markDegraded("a load from the source of truth timed out", timeout);
          }
        });
    if (!config.singleFlight()) {
      return await(key, stale, startLoad(key, stale, mine), reader);
    }
    Flight<V> running;
    while ((running = flights.putIfAbsent(key, mine)) != null) {
      if (!running.isDone()) {
        return await(key, stale, running, reader);
      }
      // Its callers may wake before it leaves the map; a new reader must not reuse its result.
      flights.remove(key, running);
    }
    // Whether it succeeds, fails or times out, the flight ends: later readers start a new load.
    mine.whenComplete((value, failure) -> flights.remove(key, mine));
    CacheEntry<V> filled;
    try {
      // A leader that finished between our miss and our putIfAbsent has filled the tier already.
      filled = lookAgain(key);
    } catch (Throwable e) {
      // Errors too: a waiter joined on this flight would otherwise wait for the timeout.
      mine.completeExceptionally(e);
      throw e;
    }
    if (filled != null && filled.isFresh(clock.millis()) && !filled.equals(stale)) {
      mine.complete(filled.present());
      return filled.present();
    }
    return await(key, stale, startLoad(key, stale, mine), reader);
  }

  /** Runs the load on its own virtual thread, so no caller waits on a source that never answers. */
  private Flight<V> startLoad(K key, @Nullable CacheEntry<V> stale, Flight<V> flight) {
    LoadChain chain = new LoadChain(this, key, LOADING.get());
    try {
      LOADERS
          .newThread(
              () -> {
                LOADING.set(chain);
                try {
                  flight.complete(loadAndFillOnce(key, stale, flight));
                } catch (Throwable e) {
                  flight.completeExceptionally(e);
                } finally {
                  LOADING.remove();
                }
              })
          .start();
    } catch (RuntimeException | OutOfMemoryError notStarted) {
      flight.completeExceptionally(notStarted);
    }
    return flight;
  }

  /** Waits for {@code flight} until its deadline on the strategy's clock, then times it out. */
  private Optional<V> await(
      K key, @Nullable CacheEntry<V> stale, Flight<V> flight, boolean reader) {
    try {
      while (true) {
        long left = flight.deadlineMillis - clock.millis();
        if (left <= 0) {
          flight.completeExceptionally(
              new TimeoutException("the load of key '" + key + "' passed its deadline"));
          return flight.get(); // the load may have won the race
        }
        try {
          return flight.get(Math.min(left, WAIT_SLICE_MILLIS), TimeUnit.MILLISECONDS);
        } catch (TimeoutException sliceOver) {
          // Not done yet: look at the clock again.
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CacheException(
          "interrupted while waiting for the load of key '" + key + "'", interrupted);
    } catch (ExecutionException e) {
      return switch (Objects.requireNonNullElse(e.getCause(), e)) {
        case TimeoutException timeout -> onLoadTimeout(key, stale, timeout, reader);
        case SourceFailed failed -> onSourceFailure(key, stale, failed, reader);
        case RuntimeException cause -> throw cause;
        case Error cause -> throw cause;
        case Throwable cause -> throw new CacheException("loading key '" + key + "' failed", cause);
      };
    }
  }

  private Optional<V> onLoadTimeout(
      K key, @Nullable CacheEntry<V> stale, TimeoutException timeout, boolean reader) {
    if (withinStaleIfError(stale)) {
      if (reader) {
        stats.staleServes.increment();
      }
      return stale.present();
    }
    throw new CacheException(
        "loading key '"
            + key
            + "' did not finish within the load timeout of "
            + config.loadTimeoutMillis()
            + " ms and no cached value is within the stale-if-error bound of "
            + config.staleIfErrorMillis()
            + " ms",
        timeout);
  }

  /** Leases, loads and fills; a load its callers gave up on ({@code flight} done) never fills. */
  private Optional<V> loadAndFillOnce(K key, @Nullable CacheEntry<V> stale, Flight<V> flight) {
    long lease = 0;
    if (config.leases()) {
      lease = tier.acquireLease(key, config.leaseMillis());
      if (lease == CacheTier.LEASE_HELD_ELSEWHERE) {
        CacheEntry<V> filled = awaitFill(key);
        if (filled != null) {
          return filled.present();
        }
      }
    }

    long start = System.nanoTime();
    Optional<V> loaded;
    try {
      loaded =
          Objects.requireNonNull(
              loadFromSource(key),
              () -> "the store returned null for key '" + key + "' instead of Optional.empty()");
    } catch (RuntimeException e) {
      return onLoadFailure(key, lease, e);
    } catch (Throwable e) {
      // An Error (or a checked exception thrown sneakily) is no source outage to serve stale
      // through, but the lease must go back: a lease kept until it times out would stop every
      // later load of the key from filling.
      stats.loadFailures.increment();
      if (lease > 0) {
        tier.releaseLease(key, lease);
      }
      throw e;
    }
    long nanos = System.nanoTime() - start;
    stats.recordLoad(nanos);
    stats.degraded().markHealthy();

    if (loaded.isEmpty()) {
      if (lease > 0) {
        tier.releaseLease(key, lease);
      }
      return loaded;
    }
    if (flight.isDone()) {
      if (lease > 0) {
        tier.releaseLease(key, lease);
      }
      log.debug("load of {} finished after its callers timed out; not cached", key);
      return loaded;
    }
    CacheEntry<V> entry = newEntry(loaded.get(), nanos);
    if (!config.leases()) {
      tier.put(key, entry);
    } else if (lease > 0) {
      tier.putIfLeaseHeld(key, lease, entry);
    }
    // Without a lease of our own (held elsewhere, or the tier cannot grant one) we do not fill.
    return loaded;
  }

  /** Counts the failed load and ends its flight; each caller decides in {@link #await}. */
  private Optional<V> onLoadFailure(K key, long lease, RuntimeException e) {
    stats.loadFailures.increment();
    stats.degraded().markDegraded("loading from the source of truth failed", e);
    if (lease > 0) {
      tier.releaseLease(key, lease);
    }
    throw new SourceFailed(e);
  }

  private boolean withinStaleIfError(@Nullable CacheEntry<V> stale) {
    return stale != null
        && clock.millis()
            < LongMath.saturatedAdd(stale.freshUntilMillis(), config.staleIfErrorMillis());
  }

  private Optional<V> onSourceFailure(
      K key, @Nullable CacheEntry<V> stale, SourceFailed failed, boolean reader) {
    if (withinStaleIfError(stale)) {
      if (reader) {
        stats.staleServes.increment();
      }
      return stale.present();
    }
    RuntimeException e = (RuntimeException) failed.getCause();
    throw new CacheException(
        "loading key '"
            + key
            + "' failed and no cached value is within the stale-if-error bound of "
            + config.staleIfErrorMillis()
            + " ms",
        e);
  }

  /**
   * The strategy's own second look at the tier during a miss. A local tier is peeked at without
   * counting, so its hits and misses stay the readers'; other tiers count it (no such method).
   */
  private @Nullable CacheEntry<V> lookAgain(K key) {
    CaffeineTier<K, V> local = this.local;
    return local != null ? local.peek(key, clock.millis()) : tier.get(key);
  }

  /** Waits up to the lease wait for the lease holder's fill; null if none arrived. */
  private @Nullable CacheEntry<V> awaitFill(K key) {
    long deadline =
        LongMath.saturatedAdd(
            System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(config.leaseWaitMillis()));
    while (System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      CacheEntry<V> entry = lookAgain(key);
      if (entry != null && entry.isFresh(clock.millis())) {
        return entry;
      }
    }
    return null;
  }
}
