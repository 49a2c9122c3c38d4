package dev.archlab.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Factories for cache tiers: local (Caffeine), remote (Redis through Lettuce) and two-level.
 *
 * @since 0.1
 */
public final class Tiers {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Connecting is rare (start, reconnect) and may meet a busy server; commands must be quick. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private Tiers() {}

  /** A local tier of at most {@code maximumSize} entries on the system clock. */
  public static <K, V> CacheTier<K, V> caffeine(long maximumSize) {
    return caffeine(maximumSize, CacheClock.system());
  }

  /** A local tier of at most {@code maximumSize} entries whose expiry follows {@code clock}. */
  public static <K, V> CacheTier<K, V> caffeine(long maximumSize, CacheClock clock) {
    return new CaffeineTier<>("caffeine", maximumSize, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Starts configuring a Redis tier at {@code uri} (such as {@code redis://127.0.0.1:6379}) whose
   * keys live under {@code namespace}.
   *
   * @throws IllegalArgumentException if the namespace is not 1-64 of {@code [A-Za-z0-9_.-]}
   */
  public static <K, V> RedisTierBuilder<K, V> redis(
      URI uri, String namespace, Codec<K> keys, Codec<V> values) {
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace must be 1-64 characters of [A-Za-z0-9_.-], got '" + namespace + "'");
    }
    return new RedisTierBuilder<>(
        Objects.requireNonNull(uri, "uri"),
        namespace,
        Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(values, "values"));
  }

  /**
   * Options of a Redis tier. Defaults: system clock, command timeout 250 ms (connect timeout 2 s),
   * reconnect attempts every 200 ms, 10,000 local entries for the two-level tier. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class RedisTierBuilder<K, V> {
    private final URI uri;
    private final String namespace;
    private final Codec<K> keys;
    private final Codec<V> values;
    private CacheClock clock = CacheClock.system();
    private Duration commandTimeout = Duration.ofMillis(250);
    private Duration reconnectDelay = Duration.ofMillis(200);
    private long localMaximumSize = 10_000;

    private RedisTierBuilder(URI uri, String namespace, Codec<K> keys, Codec<V> values) {
      this.uri = uri;
      this.namespace = namespace;
      this.keys = keys;
      this.values = values;
    }

    /** The clock for expiry; use the strategy's. */
    public RedisTierBuilder<K, V> clock(CacheClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long one Redis command may take before it counts as a failure. */
    public RedisTierBuilder<K, V> commandTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive, got " + timeout);
      }
      this.commandTimeout = timeout;
      return this;
    }

    /** Pause between reconnect attempts while Redis is unreachable. */
    public RedisTierBuilder<K, V> reconnectDelay(Duration delay) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("reconnectDelay must be positive, got " + delay);
      }
      this.reconnectDelay = delay;
      return this;
    }

    /** Size of the local level of {@link #buildTwoLevel()}. */
    public RedisTierBuilder<K, V> localMaximumSize(long maximumSize) {
      if (maximumSize <= 0) {
        throw new IllegalArgumentException("localMaximumSize must be > 0, got " + maximumSize);
      }
      this.localMaximumSize = maximumSize;
      return this;
    }

    /**
     * A Redis-only tier.
     *
     * @throws io.lettuce.core.RedisConnectionException if Redis is unreachable at start
     */
    public CacheTier<K, V> build() {
      Client client = client();
      return new RedisTier<>(client.redis(), client::shutdown, namespace, keys, values, clock);
    }

    /**
     * A local Caffeine tier per node in front of Redis; nodes invalidate each other's local copies
     * through Redis pub/sub, and a node drops its local tier after a reconnect.
     *
     * @throws io.lettuce.core.RedisConnectionException if Redis is unreachable at start
     */
    public CacheTier<K, V> buildTwoLevel() {
      Client client = client();
      RedisTier<K, V> remote =
          new RedisTier<>(client.redis(), client::shutdown, namespace, keys, values, clock);
      CaffeineTier<K, V> local = new CaffeineTier<>("caffeine", localMaximumSize, clock);
      return new TwoLevelTier<>(local, remote, client.redis(), namespace);
    }

    private record Client(RedisClient redis, ClientResources resources) {
      void shutdown() {
        redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }

    private Client client() {
      ClientResources resources =
          DefaultClientResources.builder()
              .ioThreadPoolSize(2)
              .computationThreadPoolSize(2)
              .reconnectDelay(Delay.constant(reconnectDelay))
              .build();
      RedisClient client = RedisClient.create(resources, RedisURI.create(uri));
      client.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
              .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
              .build());
      return new Client(client, resources);
    }
  }
}
