package dev.archlab.cache;

/**
 * A cache could not answer: the source of truth failed and no stale value was allowed, or a
 * write-behind queue stayed full for longer than the caller agreed to wait.
 *
 * @since 0.1
 */
public final class CacheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure without an underlying exception. */
  public CacheException(String message) {
    super(message);
  }
}
