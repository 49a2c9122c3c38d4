package dev.archlab.cache;

import com.google.common.math.LongMath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final int MAX_UNSYNCED = 100_000;
  // Redis refuses an expiry whose absolute time overflows; a century is "forever" enough.
  private static final long MAX_EXPIRY_MILLIS = Duration.ofDays(36_500).toMillis();
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
  // Keys whose SET or DEL failed: Redis may still hold an older value for them, so they read as
  // misses until a DEL of the key succeeds. Past the bound, the whole namespace is distrusted.
  private final Set<K> unsynced = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean unsyncedOverflow = new AtomicBoolean();
  // Redis counts evictions per server, not per client: the tier reports the growth of the
  // server's evicted_keys since it started, across server restarts (a new run_id, counter at 0).
  private final Object evictionCounter = new Object();
  private @Nullable ServerEvictions lastEvictions;

  private record ServerEvictions(String runId, long evictedKeys) {}

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
    this.lastEvictions = call("INFO", this::serverEvictions, null);
  }

  /** The server's run id and {@code evicted_keys} (two INFO sections, one call each). */
  private ServerEvictions serverEvictions() {
    String runId = infoField(redis.info("server"), "run_id");
    return new ServerEvictions(
        runId, Long.parseLong(infoField(redis.info("stats"), "evicted_keys")));
  }

  private static String infoField(String info, String name) {
    for (String line : info.split("\\r?\\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    throw new IllegalStateException("Redis INFO has no " + name + " field");
  }

  /** Adds the server's evictions since the last look; a new run id means Redis restarted. */
  private void countServerEvictions() {
    // The reading is taken under the lock: a reading older than the last one counted would set
    // the baseline back, and the next look would count those evictions a second time.
    synchronized (evictionCounter) {
      ServerEvictions now = call("INFO", this::serverEvictions, null);
      if (now == null) {
        return;
      }
      ServerEvictions before = lastEvictions;
      if (before == null || !before.runId().equals(now.runId())) {
        // First look, or a restarted server: everything it evicted is new to us, except at start.
        stats.evictions.add(before == null ? 0 : now.evictedKeys());
      } else {
        stats.evictions.add(Math.max(0, now.evictedKeys() - before.evictedKeys()));
      }
      lastEvictions = now;
    }
  }

  @Override
  public String name() {
    return "redis";
  }

  String valueKey(K key) {
    return namespace + ":v:" + encodedKey(key);
  }

  private String leaseKey(K key) {
    return namespace + ":l:" + encodedKey(key);
  }

  /** The key's text; IllegalArgumentException when Redis could not keep it apart from others. */
  String encodedKey(K key) {
    return WellFormedText.require("key '" + key + "'", keys.encode(key), "Redis");
  }

  K decodeKey(String encoded) {
    return keys.decode(encoded);
  }

  DegradedTracker health() {
    return stats.degraded();
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    String valueKey = valueKey(key);
    if (!resynced(key)) {
      stats.misses.increment();
      return null;
    }
    String raw = call("GET", () -> redis.get(valueKey), null);
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
    String[] redisKeys = {valueKey(key), leaseKey(key)};
    String text = encode(entry);
    if (WellFormedText.unpairedSurrogateAt(text) >= 0) {
      // Redis would keep a changed value; keeping none makes readers load the real one.
      return tryInvalidate(key);
    }
    return synced(
        key,
        call(
            "SET",
            () -> {
              redis.<Long>eval(
                  PUT_AND_REVOKE,
                  ScriptOutputType.INTEGER,
                  redisKeys,
                  text,
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
    String valueKey = valueKey(key);
    String leaseKey = leaseKey(key);
    return synced(
        key,
        call(
            "DEL",
            () -> {
              redis.del(valueKey, leaseKey);
              return Boolean.TRUE;
            },
            Boolean.FALSE));
  }

  /** Records whether a write of {@code key} reached Redis; returns {@code written}. */
  private boolean synced(K key, @Nullable Boolean written) {
    if (Boolean.TRUE.equals(written)) {
      unsynced.remove(key);
      return true;
    }
    if (unsynced.size() < MAX_UNSYNCED) {
      unsynced.add(key);
    } else {
      unsyncedOverflow.set(true);
    }
    return false;
  }

  /** False while Redis may hold a value older than a write it missed for {@code key}. */
  private boolean resynced(K key) {
    if (unsyncedOverflow.get()) {
      if (!tryInvalidateAll()) {
        return false;
      }
      unsyncedOverflow.set(false);
      unsynced.clear();
    }
    return unsynced.isEmpty() || !unsynced.contains(key) || tryInvalidate(key);
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
    String leaseKey = leaseKey(key);
    long token = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >>> 2);
    String reply =
        call(
            "SET NX",
            () ->
                redis.set(
                    leaseKey,
                    Long.toString(token),
                    SetArgs.Builder.nx().px(Math.min(leaseMillis, MAX_EXPIRY_MILLIS))),
            "unavailable");
    if ("unavailable".equals(reply)) {
      return LEASE_UNAVAILABLE;
    }
    return "OK".equals(reply) ? token : LEASE_HELD_ELSEWHERE;
  }

  @Override
  public boolean putIfLeaseHeld(K key, long lease, CacheEntry<V> entry) {
    String[] redisKeys = {valueKey(key), leaseKey(key)};
    String text = encode(entry);
    if (WellFormedText.unpairedSurrogateAt(text) >= 0) {
      releaseLease(key, lease);
      return false;
    }
    Long stored =
        call(
            "EVAL fill",
            () ->
                redis.<Long>eval(
                    FILL_IF_LEASE_HELD,
                    ScriptOutputType.INTEGER,
                    redisKeys,
                    Long.toString(lease),
                    text,
                    Long.toString(ttlMillis(entry))),
            0L);
    return stored != null && stored == 1L;
  }

  @Override
  public void releaseLease(K key, long lease) {
    String[] redisKeys = {leaseKey(key)};
    call(
        "EVAL release",
        () ->
            redis.<Long>eval(
                RELEASE_LEASE, ScriptOutputType.INTEGER, redisKeys, Long.toString(lease)),
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
    long remaining = LongMath.saturatedSubtract(entry.expiresAtMillis(), clock.millis());
    return Math.clamp(remaining, 1, MAX_EXPIRY_MILLIS);
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

  /** Evictions are those of the whole Redis server since this tier started (one INFO call). */
  @Override
  public CacheStats stats() {
    countServerEvictions();
    return stats.snapshot(List.of());
  }

  @Override
  public void close() {
    connection.close();
    onClose.run();
  }
}
