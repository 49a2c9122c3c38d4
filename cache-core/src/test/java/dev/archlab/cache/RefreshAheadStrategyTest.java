package dev.archlab.cache;

class RefreshAheadStrategyTest implements CacheStrategyContract {
  @Override
  public CacheStrategy<String, String> create(TestStore store, ManualClock clock) {
    return CacheStrategyContract.preset(store, clock).refreshAhead(0.8);
  }

  @Override
  public String expectedName() {
    return "refresh-ahead";
  }
}
