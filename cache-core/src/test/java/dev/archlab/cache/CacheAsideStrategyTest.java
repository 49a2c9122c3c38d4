package dev.archlab.cache;

class CacheAsideStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock).cacheAside();
  }

  @Override
  public String expectedName() {
    return "cache-aside";
  }
}
