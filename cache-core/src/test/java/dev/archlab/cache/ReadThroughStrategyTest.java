package dev.archlab.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadThroughStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock).readThrough();
  }

  @Override
  public String expectedName() {
    return "read-through";
  }

  @Test
  void get_storeReturnsANullOptional_failsNamingTheKeyAndCountsALoadFailure() {
    BackingStore<String, String> broken =
        new BackingStore<>() {
          @Override
          public Optional<String> load(String key) {
            return null;
          }

          @Override
          public void store(String key, String value) {}
        };
    try (CacheStrategy<String, String> cache = Caches.builder(broken).readThrough()) {
      CacheException failed = assertThrows(CacheException.class, () -> cache.get("k"));
      assertTrue(failed.getCause().getMessage().contains("null for key 'k'"), failed.toString());
      assertEquals(1, cache.stats().loadFailures());
      assertTrue(cache.stats().degraded());
    }
  }
}
