package dev.archlab.cache;

import java.time.Duration;

class WriteBehindStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock)
        .writeBehindBatching(100, 10, Duration.ofMillis(5), Duration.ofSeconds(1))
        .writeBehind();
  }

  @Override
  public String expectedName() {
    return "write-behind";
  }
}
