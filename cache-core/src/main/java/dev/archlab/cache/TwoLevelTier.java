package dev.archlab.cache;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Two levels: a local Caffeine tier per node in front of a shared Redis tier. Reads try local,
 * then Redis (copying a Redis hit into local). Writes go to Redis, then local, then a message on
 * the channel "<namespace>:invalidate" tells the other nodes to drop their local copy.
 *
 * Keeping local copies honest:
 * - A node that hears an invalidation bumps a per-key stamp before dropping its local copy; a
 *   local fill that read the stamp before an invalidation arrived is refused, so a Redis fill
 *   racing an invalidation cannot leave a stale local copy.
 * - Pub/sub is at-most-once: a node whose subscription dropped may have missed messages, so on
 *   reconnect it clears its whole local tier and replays the invalidations it could not send
 *   while Redis was away.
 * - While Redis is unreachable, reads are served from local and the source; leases fall back to
 *   local leases, so this node still never fills over its own newer write.
 */
final class TwoLevelTier<K, V> implements CacheTier<K, V> {
  private static final Logger log = LoggerFactory.getLogger(TwoLevelTier.class);
  private static final long LOCAL_LEASE = 1L << 62;
  private static final int STAMPS = 1 << 12;
  private static final int MAX_REPLAYED_INVALIDATIONS = 100_000;

  private final CaffeineTier<K, V> local;
  private final RedisTier<K, V> remote;
  private final String channel;
  private final String nodeId = UUID.randomUUID().toString();
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final AtomicLongArray stamps = new AtomicLongArray(STAMPS);
  // Bumped when the subscription drops and when it rejoins: a Redis read that began before
  // either may carry a value whose invalidation this node missed, so its local fill is refused.
  private final AtomicLong subscriptionEpoch = new AtomicLong();
  private final Set<K> unsentInvalidations = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean unsentOverflow = new AtomicBoolean();
  private final AtomicBoolean disconnected = new AtomicBoolean();
  private final LongAdder localDrops = new LongAdder();
  private final ScheduledExecutorService rejoiner =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("cache-rejoin").factory());

  TwoLevelTier(CaffeineTier<K, V> local, RedisTier<K, V> remote, RedisClient client, String ns) {
    this.local = local;
    this.remote = remote;
    this.channel = ns + ":invalidate";
    this.subscription = client.connectPubSub();
    subscription.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String messageChannel, String message) {
            onInvalidation(message);
          }
        });
    subscription.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            disconnected.set(true);
            subscriptionEpoch.incrementAndGet();
          }

          @Override
          public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress at) {
            if (disconnected.compareAndSet(true, false)) {
              rejoiner.execute(TwoLevelTier.this::rejoin);
            }
          }
        });
    subscribe();
    // Invalidations that failed (Redis away, or a command timed out) are retried until sent.
    rejoiner.scheduleWithFixedDelay(this::replayUnsent, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Subscribes, retrying command timeouts for a few seconds: a loaded server may be slow. */
  private void subscribe() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        subscription.sync().subscribe(channel);
        return;
      } catch (RedisCommandTimeoutException slow) {
        if (System.nanoTime() > deadline) {
          subscription.close();
          throw slow;
        }
        log.debug("SUBSCRIBE {} timed out; retrying", channel);
      }
    }
  }

  @Override
  public String name() {
    return "two-level";
  }

  private int stampIndex(K key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STAMPS - 1);
  }

  private void onInvalidation(String message) {
    int bar = message.indexOf('|');
    if (bar < 0 || message.startsWith(nodeId + "|")) {
      return;
    }
    String encoded = message.substring(bar + 1);
    if (encoded.equals("*")) {
      local.invalidateAll();
      return;
    }
    K key = remote.decodeKey(encoded);
    stamps.incrementAndGet(stampIndex(key));
    local.invalidate(key);
  }

  /** After a dropped subscription: forget what we may have missed, resend what we owe. */
  private void rejoin() {
    long dropped = local.estimatedSize();
    subscriptionEpoch.incrementAndGet();
    local.invalidateAll();
    localDrops.increment();
    int replayed = replayUnsent();
    log.info(
        "two-level cache rejoined Redis: dropped ~{} local entries, replayed {} invalidations"
            + " ({} still waiting for the command connection)",
        dropped,
        replayed,
        unsentInvalidations.size());
  }

  /** Sends the invalidations Redis could not take earlier; returns how many went out. */
  private int replayUnsent() {
    int replayed = 0;
    try {
      for (K key : List.copyOf(unsentInvalidations)) {
        if (remote.tryInvalidate(key) && publish(remote.encodedKey(key))) {
          unsentInvalidations.remove(key);
          replayed++;
        }
      }
      if (unsentOverflow.get() && remote.tryInvalidateAll() && publish("*")) {
        unsentOverflow.set(false);
      }
    } catch (RuntimeException unexpected) {
      // Keep the scheduled retries alive; the next round tries again.
      log.debug("replaying invalidations failed", unexpected);
    }
    return replayed;
  }

  /** Publishes on the command connection: a subscribed connection cannot publish. */
  private boolean publish(String encodedKey) {
    return remote.publish(channel, nodeId + "|" + encodedKey);
  }

  private void rememberUnsent(K key) {
    if (unsentInvalidations.size() < MAX_REPLAYED_INVALIDATIONS) {
      unsentInvalidations.add(key);
    } else {
      unsentOverflow.set(true);
    }
  }

  @Override
  public @Nullable CacheEntry<V> get(K key) {
    CacheEntry<V> entry = local.get(key);
    if (entry != null) {
      return entry;
    }
    long epoch = subscriptionEpoch.get();
    long stamp = stamps.get(stampIndex(key));
    entry = remote.get(key);
    if (entry != null) {
      fillLocal(key, entry, epoch, stamp);
    }
    return entry;
  }

  private void fillLocal(K key, CacheEntry<V> entry, long epoch, long stamp) {
    long lease = local.acquireLease(key, 5_000);
    if (lease > 0) {
      if (subscriptionEpoch.get() == epoch
          && !disconnected.get()
          && stamps.get(stampIndex(key)) == stamp) {
        local.putIfLeaseHeld(key, lease, entry);
      } else {
        local.releaseLease(key, lease);
      }
    }
  }

  @Override
  public void put(K key, CacheEntry<V> entry) {
    boolean remoteOk = remote.tryPut(key, entry);
    local.put(key, entry);
    if (!remoteOk || !publish(remote.encodedKey(key))) {
      rememberUnsent(key);
    }
  }

  @Override
  public void invalidate(K key) {
    boolean remoteOk = remote.tryInvalidate(key);
    local.invalidate(key);
    if (!remoteOk || !publish(remote.encodedKey(key))) {
      rememberUnsent(key);
    }
  }

  @Override
  public void invalidateAll() {
    remote.invalidateAll();
    local.invalidateAll();
    publish("*");
  }

  @Override
  public long acquireLease(K key, long leaseMillis) {
    long lease = remote.acquireLease(key, leaseMillis);
    if (lease != LEASE_UNAVAILABLE) {
      return lease;
    }
    long localLease = local.acquireLease(key, leaseMillis);
    return localLease > 0 ? localLease | LOCAL_LEASE : localLease;
  }

  @Override
  public boolean putIfLeaseHeld(K key, long lease, CacheEntry<V> entry) {
    if ((lease & LOCAL_LEASE) != 0) {
      return local.putIfLeaseHeld(key, lease & ~LOCAL_LEASE, entry);
    }
    long epoch = subscriptionEpoch.get();
    long stamp = stamps.get(stampIndex(key));
    if (!remote.putIfLeaseHeld(key, lease, entry)) {
      return false;
    }
    fillLocal(key, entry, epoch, stamp);
    return true;
  }

  @Override
  public void releaseLease(K key, long lease) {
    if ((lease & LOCAL_LEASE) != 0) {
      local.releaseLease(key, lease & ~LOCAL_LEASE);
    } else {
      remote.releaseLease(key, lease);
    }
  }

  /** Times the local tier was dropped after a reconnect. */
  long localDrops() {
    return localDrops.sum();
  }

  /** Health of the Redis level: degraded episodes and time. */
  DegradedTracker remoteHealth() {
    return remote.health();
  }

  /** Invalidations waiting to be replayed once Redis is back. */
  int unsentInvalidations() {
    return unsentInvalidations.size();
  }

  @Override
  public CacheStats stats() {
    CacheStats localStats = local.stats();
    CacheStats remoteStats = remote.stats();
    return new CacheStats(
        name(),
        localStats.hits() + remoteStats.hits(),
        remoteStats.misses(),
        0,
        0,
        0,
        localStats.evictions(),
        remoteStats.degradedMillis(),
        remoteStats.degraded() || disconnected.get(),
        LatencySummary.EMPTY,
        List.of(localStats, remoteStats));
  }

  @Override
  public void close() {
    rejoiner.shutdownNow();
    try {
      rejoiner.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    subscription.close();
    local.close();
    remote.close();
  }
}
