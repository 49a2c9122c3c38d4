package dev.archlab.trading;

/**
 * Activation function of a dense layer.
 *
 * @since 0.1
 */
public enum Activation {
  /** max(0, x); layers using it start from He-uniform weights. */
  RELU,
  /** tanh(x); layers using it start from Glorot-uniform weights. */
  TANH,
  /** x, for output layers; Glorot-uniform weights. */
  LINEAR;

  double apply(double x) {
    return switch (this) {
      case RELU -> x > 0 ? x : 0;
      case TANH -> StrictMath.tanh(x);
      case LINEAR -> x;
    };
  }

  /** Derivative expressed through the pre-activation {@code z} and the output {@code a}. */
  double derivative(double z, double a) {
    return switch (this) {
      case RELU -> z > 0 ? 1 : 0;
      case TANH -> 1 - a * a;
      case LINEAR -> 1;
    };
  }
}
