package dev.archlab.autocomplete;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Shared state in Redis. Keys, under archlab:ac:<namespace>:
 *   version    INCR on every blocklist or edit change, so nodes reread only when it moved
 *   blocklist  SET of normalised terms
 *   edits      HASH text NUL category -> length-prefixed entry fields
 *   sel:<min>  HASH term -> selections in that minute, expiring after the retention
 *   counters   HASH A/B counter -> count
 *   hist:<user> LIST of the user's terms, newest first, trimmed and given a TTL by one script
 * Every call is guarded: when Redis is unreachable, reads return the last values seen, counting
 * writes (selections, A/B counters, history) are dropped, and admin writes (blocklist, edits) throw
 * SharedStateUnavailableException, so nobody is told a change was made that no node will apply;
 * one warning per outage and one info line when it is back.
 * No call waits for Redis once the outage is known: a dropped connection rejects commands at once
 * (instead of queueing them until the 1 s timeout), and while degraded only one call per
 * PROBE_NANOS tries the server, the others fail fast. The client reconnects at least every
 * 500 ms, so the node rejoins within about a second of the server coming back.
 * History is read on the request path, so while the state is degraded it does not wait for Redis
 * (up to the 1 s command timeout): it answers from the histories this node last read or wrote,
 * and the refresher's periodic reads find out when the server is back.
 */
final class RedisSharedState implements SharedState {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);

  private static final long PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final long retentionSeconds;
  private final AtomicBoolean degraded = new AtomicBoolean();

  /** While degraded: System.nanoTime() after which the next call may try the server again. */
  private final AtomicLong probeAt = new AtomicLong();

  private final Map<Long, Map<String, Long>> lastSelections = new ConcurrentHashMap<>();
  private volatile Set<String> lastBlocklist = Set.of();
  private volatile List<Edit> lastEdits = List.of();
  private volatile Map<String, Long> lastCounters = Map.of();
  private volatile long lastVersion;
  private final Cache<String, List<String>> lastHistories =
      Caffeine.newBuilder().maximumSize(10_000).build();

  /** LREM, LPUSH, LTRIM and PEXPIRE as one atomic step, so concurrent writers never interleave. */
  private static final String ADD_TO_HISTORY =
      """
      redis.call('LREM', KEYS[1], 0, ARGV[1])
      redis.call('LPUSH', KEYS[1], ARGV[1])
      redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      return 1
      """;

  /** SADD or SREM and the version INCR in one step, so a failure leaves neither applied. */
  private static final String CHANGE_BLOCKLIST =
      """
      redis.call(ARGV[1], KEYS[1], ARGV[2])
      return redis.call('INCR', KEYS[2])
      """;

  /** HSET of an edit and the version INCR in one step. */
  private static final String RECORD_EDIT =
      """
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return redis.call('INCR', KEYS[2])
      """;

  RedisSharedState(URI uri, String namespace, Duration retention) {
    RedisURI redisUri = RedisURI.create(uri);
    redisUri.setTimeout(Duration.ofSeconds(1));
    this.resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, redisUri);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    this.connection = client.connect();
    this.redis = connection.sync();
    this.prefix = "archlab:ac:" + namespace + ":";
    this.retentionSeconds = retention.toSeconds();
  }

  @Override
  public void addSelections(String term, long minute, long count) {
    String key = prefix + "sel:" + minute;
    run(
        () -> {
          redis.hincrby(key, term, count);
          redis.expire(key, retentionSeconds);
          return null;
        },
        null);
  }

  @Override
  public Map<String, Long> selections(long minute) {
    Map<String, Long> fresh =
        run(
            () -> {
              Map<String, Long> counts = new HashMap<>();
              redis
                  .hgetall(prefix + "sel:" + minute)
                  .forEach((term, count) -> counts.put(term, Long.parseLong(count)));
              return counts;
            },
            null);
    if (fresh == null) {
      return lastSelections.getOrDefault(minute, Map.of());
    }
    lastSelections.put(minute, fresh);
    lastSelections.keySet().removeIf(m -> m < minute - retentionSeconds / 60 - 1);
    return fresh;
  }

  @Override
  public void block(String term) {
    changeBlocklist("SADD", TextNormalizer.normalize(term));
  }

  @Override
  public void unblock(String term) {
    changeBlocklist("SREM", TextNormalizer.normalize(term));
  }

  private void changeBlocklist(String command, String normalized) {
    write(
        "the blocklist",
        () ->
            redis.<Long>eval(
                CHANGE_BLOCKLIST,
                ScriptOutputType.INTEGER,
                new String[] {prefix + "blocklist", prefix + "version"},
                command,
                normalized));
  }

  @Override
  public Set<String> blocklist() {
    Set<String> fresh = run(() -> Set.copyOf(redis.smembers(prefix + "blocklist")), null);
    if (fresh != null) {
      lastBlocklist = fresh;
    }
    return lastBlocklist;
  }

  @Override
  public void edit(Edit edit) {
    write(
        "the entries",
        () ->
            redis.<Long>eval(
                RECORD_EDIT,
                ScriptOutputType.INTEGER,
                new String[] {prefix + "edits", prefix + "version"},
                edit.text() + '\u0000' + edit.category(),
                encode(edit)));
  }

  @Override
  public List<Edit> edits() {
    List<Edit> fresh =
        run(
            () -> {
              List<Edit> all = new ArrayList<>();
              redis.hvals(prefix + "edits").forEach(value -> all.add(decode(value)));
              return List.copyOf(all);
            },
            null);
    if (fresh != null) {
      lastEdits = fresh;
    }
    return lastEdits;
  }

  @Override
  public void count(String counter, long delta) {
    run(() -> redis.hincrby(prefix + "counters", counter, delta), null);
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> fresh =
        run(
            () -> {
              Map<String, Long> all = new HashMap<>();
              redis
                  .hgetall(prefix + "counters")
                  .forEach((name, count) -> all.put(name, Long.parseLong(count)));
              return Map.copyOf(all);
            },
            null);
    if (fresh != null) {
      lastCounters = fresh;
    }
    return lastCounters;
  }

  @Override
  public void addToHistory(String userId, String term, int keep, Duration ttl) {
    Long written =
        degraded.get()
            ? null
            : run(
                () ->
                    redis.<Long>eval(
                        ADD_TO_HISTORY,
                        ScriptOutputType.INTEGER,
                        new String[] {prefix + "hist:" + userId},
                        term,
                        Integer.toString(keep),
                        Long.toString(Math.max(1, ttl.toMillis()))),
                null);
    if (written == null) {
      // Dropped for Redis, but this node still sees its own user's selection.
      lastHistories
          .asMap()
          .compute(
              userId,
              (user, old) ->
                  InMemorySharedState.withNewest(old == null ? List.of() : old, term, keep));
    } else {
      lastHistories.invalidate(userId);
    }
  }

  @Override
  public List<String> history(String userId) {
    List<String> fresh =
        degraded.get()
            ? null
            : run(() -> List.copyOf(redis.lrange(prefix + "hist:" + userId, 0, -1)), null);
    if (fresh == null) {
      List<String> last = lastHistories.getIfPresent(userId);
      return last == null ? List.of() : last;
    }
    lastHistories.put(userId, fresh);
    return fresh;
  }

  @Override
  public long version() {
    String fresh = run(() -> redis.get(prefix + "version"), null);
    if (fresh != null) {
      lastVersion = Long.parseLong(fresh);
    }
    return lastVersion;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    resources.shutdown(0, 1, TimeUnit.SECONDS);
  }

  private <T> @Nullable T run(Supplier<T> command, @Nullable T fallback) {
    try {
      return attempt(command);
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  private void write(String what, Supplier<?> command) {
    try {
      attempt(command);
    } catch (RuntimeException e) {
      throw new SharedStateUnavailableException(
          "Redis shared state " + prefix + " is unreachable; " + what + " were not changed", e);
    }
  }

  private <T> T attempt(Supplier<T> command) {
    if (degraded.get()) {
      long at = probeAt.get();
      if (System.nanoTime() - at < 0
          || !probeAt.compareAndSet(at, System.nanoTime() + PROBE_NANOS)) {
        throw new IllegalStateException("Redis is known to be unreachable; not waiting for it");
      }
    }
    try {
      T result = command.get();
      if (degraded.compareAndSet(true, false)) {
        LOG.info("Redis shared state at {} is reachable again", prefix);
      }
      return result;
    } catch (RuntimeException e) {
      probeAt.set(System.nanoTime() + PROBE_NANOS);
      if (degraded.compareAndSet(false, true)) {
        LOG.warn(
            "Redis shared state {} unavailable; serving the last state read, dropping counts and"
                + " refusing admin changes",
            prefix,
            e);
      }
      throw e;
    }
  }

  /** Length-prefixed fields, so any text (tabs, newlines, NULs) survives the round trip. */
  static String encode(Edit edit) {
    StringBuilder out = new StringBuilder();
    field(out, edit.removed() ? "-" : "+");
    field(out, edit.text());
    field(out, edit.category());
    field(out, Long.toString(edit.entry().weight()));
    field(out, edit.entry().payload() == null ? "" : "+" + edit.entry().payload());
    field(out, Integer.toString(edit.entry().readings().size()));
    edit.entry().readings().forEach(reading -> field(out, reading));
    return out.toString();
  }

  static Edit decode(String value) {
    int[] at = {0};
    boolean removed = next(value, at).equals("-");
    String text = next(value, at);
    String category = next(value, at);
    long weight = Long.parseLong(next(value, at));
    String payload = next(value, at);
    int readingCount = Integer.parseInt(next(value, at));
    List<String> readings = new ArrayList<>();
    for (int i = 0; i < readingCount; i++) {
      readings.add(next(value, at));
    }
    Entry entry =
        new Entry(
            text, weight, category, readings, payload.isEmpty() ? null : payload.substring(1));
    return new Edit(text, category, entry, removed);
  }

  private static void field(StringBuilder out, String value) {
    out.append(value.length()).append(':').append(value);
  }

  private static String next(String value, int[] at) {
    int colon = value.indexOf(':', at[0]);
    int length = Integer.parseInt(value.substring(at[0], colon));
    at[0] = colon + 1 + length;
    return value.substring(colon + 1, colon + 1 + length);
  }
}
