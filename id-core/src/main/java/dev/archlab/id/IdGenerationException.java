package dev.archlab.id;

/**
 * Thrown when an id cannot be issued without risking a duplicate.
 *
 * @since 0.1
 */
public class IdGenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IdGenerationException(String message) {
    super(message);
  }

  public IdGenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
