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
  LINEAR
}
