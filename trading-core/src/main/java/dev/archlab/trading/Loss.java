package dev.archlab.trading;

/**
 * Regression losses on the error {@code prediction - target}.
 *
 * @since 0.1
 */
public enum Loss {
  /** error squared, halved so that the derivative is the error itself. */
  MSE,
  /** Huber loss with threshold 1: quadratic for small errors, linear beyond (smooth L1). */
  HUBER;

  /** The loss of one error. */
  public double value(double error) {
    return switch (this) {
      case MSE -> 0.5 * error * error;
      case HUBER -> Math.abs(error) <= 1 ? 0.5 * error * error : Math.abs(error) - 0.5;
    };
  }

  /** The derivative of {@link #value} with respect to the prediction. */
  public double derivative(double error) {
    return switch (this) {
      case MSE -> error;
      case HUBER -> Math.max(-1, Math.min(1, error));
    };
  }
}
