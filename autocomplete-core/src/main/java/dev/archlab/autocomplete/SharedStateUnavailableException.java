package dev.archlab.autocomplete;

/**
 * A change to the {@link SharedState} could not be shared because its server is unreachable, so
 * nothing was changed. Thrown by {@link LiveSuggester#put}, {@link LiveSuggester#remove}, {@link
 * LiveSuggester#block} and {@link LiveSuggester#unblock}: an admin change that only one node saw
 * would leave the nodes disagreeing, so it is refused instead of dropped. Retry when the server is
 * back.
 *
 * @since 0.1
 */
public final class SharedStateUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message saying what could not be changed and why. */
  public SharedStateUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
