package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Loaders written against the rules: ones that read the cache they fill, throw an {@link Error}, or
 * are still running when the cache closes. The manual clock never moves here, so no load timeout
 * can rescue a read; each read must end on its own.
 */
class HostileLoadTest {

  /** A store whose load is a function the test supplies; counts loads. */
  private static final class FunctionStore implements BackingStore<String, String> {
    final AtomicInteger loads = new AtomicInteger();
    volatile Function<String, Optional<String>> loader = key -> Optional.of("v-" + key);

    @Override
    public Optional<String> load(String key) {
      loads.incrementAndGet();
      return loader.apply(key);
    }

    @Override
    public void store(String key, String value) {}

    @Override
    public void storeAll(Map<String, String> values) {}
  }

  /** Runs {@code cache.get(key)} on its own thread; never waits longer than 30 s for it. */
  private static Throwable failureOf(CacheStrategy<String, String> cache, String key)
      throws InterruptedException {
    CompletableFuture<Optional<String>> read =
        CompletableFuture.supplyAsync(
            () -> cache.get(key), runnable -> Thread.ofVirtual().start(runnable));
    try {
      Optional<String> value = read.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected the read of " + key + " to fail, it returned " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the read of " + key + " is still blocked", e);
    }
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static void assertRecursiveLoad(Throwable failure, String key) {
    Throwable root = rootCause(failure);
    assertInstanceOf(IllegalStateException.class, root, () -> "got " + failure);
    assertTrue(root.getMessage().contains("key '" + key + "'"), root.getMessage());
    assertTrue(root.getMessage().contains("its own load"), root.getMessage());
  }

  @Test
  void readThrough_loaderThatReadsItsOwnKey_failsAtOnceNamingTheKey() throws Exception {
    FunctionStore store = new FunctionStore();
    AtomicReference<CacheStrategy<String, String>> self = new AtomicReference<>();
    store.loader = key -> self.get().get(key);
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .clock(new ManualClock())
            .readThrough()) {
      self.set(cache);
      assertRecursiveLoad(failureOf(cache, "k"), "k");
      assertEquals(1, store.loads.get());
    }
  }

  @Test
  void cacheAside_withoutSingleFlight_loaderThatReadsItsOwnKey_doesNotRecurseForever()
      throws Exception {
    FunctionStore store = new FunctionStore();
    AtomicReference<CacheStrategy<String, String>> self = new AtomicReference<>();
    store.loader = key -> self.get().get(key);
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .clock(new ManualClock())
            .cacheAside()) {
      self.set(cache);
      assertRecursiveLoad(failureOf(cache, "k"), "k");
      assertEquals(1, store.loads.get());
    }
  }

  @Test
  void loadersThatReadEachOther_failNamingTheCycle_whileOtherKeysLoadNormally() throws Exception {
    FunctionStore store = new FunctionStore();
    AtomicReference<CacheStrategy<String, String>> self = new AtomicReference<>();
    store.loader =
        key ->
            switch (key) {
              case "a" -> self.get().get("b");
              case "b" -> self.get().get("a");
              case "parent" -> Optional.of("p+" + self.get().get("child").orElseThrow());
              default -> Optional.of("v-" + key);
            };
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .clock(new ManualClock())
            .readThrough()) {
      self.set(cache);
      assertRecursiveLoad(failureOf(cache, "a"), "a");
      // A loader may read other keys: that is no cycle.
      assertEquals(Optional.of("p+v-child"), cache.get("parent"));
      assertEquals(Optional.of("v-child"), cache.get("child"));
    }
  }

  @Test
  void loaderThrowingAnError_givesTheLeaseBack_soTheNextLoadFills() {
    FunctionStore store = new FunctionStore();
    store.loader =
        key -> {
          throw new AssertionError("loader bug");
        };
    ManualClock clock = new ManualClock();
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store).clock(clock).readThrough()) {
      AssertionError bug = assertThrows(AssertionError.class, () -> cache.get("k"));
      assertEquals("loader bug", bug.getMessage());
      assertEquals(1, cache.stats().loadFailures());

      store.loader = key -> Optional.of("v");
      assertEquals(Optional.of("v"), cache.get("k"));
      assertEquals(Optional.of("v"), cache.get("k"));
      assertEquals(2, store.loads.get(), "the second load filled the cache");
      assertEquals(1, cache.stats().hits());
    }
  }

  @Test
  void close_whileALoadHangs_failsItsWaitersAtOnce_andTheLateLoadDoesNotFill() throws Exception {
    TestStore store = new TestStore();
    store.data.store("k", "1");
    ManualClock clock = new ManualClock();
    CaffeineTier<String, String> tier = new CaffeineTier<>("local", 100, clock);
    CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store).tier(tier).clock(clock).readThrough();
    TestStore.Gate hung = store.holdNextLoad("k");
    CompletableFuture<Throwable> waiter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return failureOf(cache, "k");
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(hung.arrived.await(30, TimeUnit.SECONDS));

    cache.close();
    Throwable failure = waiter.get(60, TimeUnit.SECONDS);
    CacheException closed = assertInstanceOf(CacheException.class, failure);
    assertTrue(closed.getMessage().contains("key 'k'"), closed.getMessage());
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());

    hung.release.countDown();
  }

  @Test
  void randomSourceOutsideZeroToOne_getsAClearError_andAWriteThroughPutChangesNothing() {
    TestStore store = new TestStore();
    store.data.store("k", "old");
    try (CacheStrategy<String, String> cache =
        Caches.builder((BackingStore<String, String>) store)
            .clock(new ManualClock())
            .ttlJitter(0.5)
            .random(() -> 1.5)
            .writeThrough()) {
      IllegalStateException read = assertThrows(IllegalStateException.class, () -> cache.get("k"));
      assertTrue(read.getMessage().contains("returned 1.5"), read.getMessage());
      assertTrue(read.getMessage().contains("[0, 1)"), read.getMessage());

      IllegalStateException write =
          assertThrows(IllegalStateException.class, () -> cache.put("k", "new"));
      assertTrue(write.getMessage().contains("returned 1.5"), write.getMessage());
      assertEquals(Optional.of("old"), store.data.load("k"), "a refused write reached the store");
    }
  }
}
