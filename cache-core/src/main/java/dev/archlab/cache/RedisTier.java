package dev.archlab.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * The remote tier: one Redis string per key under "<namespace>:v:<key>", holding the entry's
 * times and value as "writtenAt:freshUntil:expiresAt:loadMillis:value", with a Redis TTL of the
 * entry's expiresAt. Leases are keys "<namespace>:l:<key>" set with NX and a TTL; fills and writes
 * are Lua scripts, so "check the lease, then set" and "set, then revoke the lease" are atomic on
 * the server.
 *
 * Every command has a short timeout and the client rejects commands while disconnected, so an
 * unreachable Redis costs callers one timeout at most and then reads as a miss. The first failure
 * of an outage warns once; the first success after it ends the episode.
 */
final class RedisTier<K, V> implements CacheTier<K, V> {
  private static final String FILL_IF_LEASE_HELD =
      "if redis.call('GET', KEYS[2]) == ARGV[1] then "
          + "redis.call('DEL', KEYS[2]); "
          + "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]); return 1 "
          + "else return 0 end";
  private static final String PUT_AND_REVOKE =
      "redis.call('DEL', KEYS[2]); redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]); return 1";
  private static final String RELEASE_LEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end; return 1";

  private final String namespace;
  private final Codec<K> keys;
  private final Codec<V> values;
  private final CacheClock clock;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final StatsRecorder stats;
  private final Runnable onClose;

  RedisTier(
      RedisClient client,
      Runnable onClose,
      String namespace,
      Codec<K> keys,
      Codec<V> values,
      CacheClock clock) {
    this.onClose = onClose;
    this.namespace = namespace;
    this.keys = keys;
    this.values = values;
    this.clock = clock;
    this.stats = new StatsRecorder("redis", new DegradedTracker("redis tier " + namespace, clock));
    this.connection = client.connect();
    this.redis = connection.sync();
  }

  @Override
  public String name() {
    return "redis";
  }

  String valueKey(K key) {
    return namespace + ":v:" + keys.encode(key);
  }

  private String leaseKey(K key) {
    return namespace + ":l:" + keys.encode(key);
  }

  String encodedKey(K key) {
    return keys.encode(key);
  }

  K decodeKey(String encoded) {
    return keys.decode(encoded);
  }

  DegradedTracker health() {
    return stats.degraded();
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    String raw = call("GET", () -> redis.get(valueKey(key)), null);
    CacheEntry<V> entry = raw == null ? null : decode(raw);
    if (entry == null || !entry.isRetained(clock.millis())) {
      stats.misses.increment();
      return null;
    }
    stats.hits.increment();
    return entry;
  }

  /** A plain GET of the stored text, for the benchmark that compares against it. */
  @Nullable String rawGet(K key) {
    return redis.get(valueKey(key));
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    tryPut(key, entry);
  }

  /** Stores the entry and revokes the key's lease; false when Redis could not be reached. */
  boolean tryPut(K key, CacheEntry<V> entry) {
    return Boolean.TRUE.equals(
        call(
            "SET",
            () -> {
              redis.<Long>eval(
                  PUT_AND_REVOKE,
                  ScriptOutputType.INTEGER,
                  new String[] {valueKey(key), leaseKey(key)},
                  encode(entry),
                  Long.toString(ttlMillis(entry)));
              return Boolean.TRUE;
            },
            Boolean.FALSE));
  }

  @Override
  public void invalidate(K key) {
    tryInvalidate(key);
  }

  /** Deletes the key and its lease; false when Redis could not be reached. */
  boolean tryInvalidate(K key) {
    return Boolean.TRUE.equals(
        call(
            "DEL",
            () -> {
              redis.del(valueKey(key), leaseKey(key));
              return Boolean.TRUE;
            },
            Boolean.FALSE));
  }

  /** Publishes {@code message} on {@code channel}; false when Redis could not be reached. */
  boolean publish(String channel, String message) {
    return Boolean.TRUE.equals(
        call(
            "PUBLISH",
            () -> {
              redis.publish(channel, message);
              return Boolean.TRUE;
            },
            Boolean.FALSE));
  }

  @Override
  public void invalidateAll() {
    tryInvalidateAll();
  }

  /** Deletes every key of the namespace; false when Redis could not be reached. */
  boolean tryInvalidateAll() {
    return Boolean.TRUE.equals(
        call(
            "KEYS/DEL",
            () -> {
              List<String> all = redis.keys(namespace + ":*");
              if (!all.isEmpty()) {
                redis.del(all.toArray(String[]::new));
              }
              return Boolean.TRUE;
            },
            Boolean.FALSE));
  }

  @Override
  public long acquireLease(K key, long leaseMillis) {
    long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >>> 2);
    String reply =
        call(
            "SET NX",
            () ->
                redis.set(
                    leaseKey(key), Long.toString(token), SetArgs.Builder.nx().px(leaseMillis)),
            "unavailable");
    if ("unavailable".equals(reply)) {
      return LEASE_UNAVAILABLE;
    }
    return "OK".equals(reply) ? token : LEASE_HELD_ELSEWHERE;
  }

  @Override
  public boolean putIfLeaseHeld(K key, long lease, CacheEntry<V> entry) {
    Long stored =
        call(
            "EVAL fill",
            () ->
                redis.<Long>eval(
                    FILL_IF_LEASE_HELD,
                    ScriptOutputType.INTEGER,
                    new String[] {valueKey(key), leaseKey(key)},
                    Long.toString(lease),
                    encode(entry),
                    Long.toString(ttlMillis(entry))),
            0L);
    return stored != null && stored == 1L;
  }

  @Override
  public void releaseLease(K key, long lease) {
    call(
        "EVAL release",
        () ->
            redis.<Long>eval(
                RELEASE_LEASE,
                ScriptOutputType.INTEGER,
                new String[] {leaseKey(key)},
                Long.toString(lease)),
        0L);
  }

  /** Runs one command; on failure marks the tier degraded and returns {@code fallback}. */
  private <T> @Nullable T call(String what, Supplier<@Nullable T> command, @Nullable T fallback) {
    try {
      T result = command.get();
      stats.degraded().markHealthy();
      return result;
    } catch (RuntimeException e) {
      stats.degraded().markDegraded("Redis " + what + " failed", e);
      return fallback;
    }
  }

  private long ttlMillis(CacheEntry<V> entry) {
    return Math.max(1, entry.expiresAtMillis() - clock.millis());
  }

  private String encode(CacheEntry<V> entry) {
    return entry.writtenAtMillis()
        + ":"
        + entry.freshUntilMillis()
        + ":"
        + entry.expiresAtMillis()
        + ":"
        + entry.loadMillis()
        + ":"
        + values.encode(entry.value());
  }

  private @Nullable CacheEntry<V> decode(String raw) {
    int a = raw.indexOf(':');
    int b = raw.indexOf(':', a + 1);
    int c = raw.indexOf(':', b + 1);
    int d = raw.indexOf(':', c + 1);
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      return null;
    }
    return new CacheEntry<>(
        values.decode(raw.substring(d + 1)),
        Long.parseLong(raw, 0, a, 10),
        Long.parseLong(raw, a + 1, b, 10),
        Long.parseLong(raw, b + 1, c, 10),
        Long.parseLong(raw, c + 1, d, 10));
  }

  @Override
  public CacheStats stats() {
    return stats.snapshot(List.of());
  }

  @Override
  public void close() {
    connection.close();
    onClose.run();
  }
}
