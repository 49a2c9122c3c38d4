/**
 * Reinforcement-learning trading, done honestly: price bars from CSV with precise errors, a trading
 * {@link dev.archlab.trading.Environment} whose observations never see the future, plain-Java dense
 * networks, DQN and policy-gradient agents proven on cart-pole, rule baselines and a backtester
 * with standard metrics.
 *
 * <p>Entry points: {@link dev.archlab.trading.PriceSeries#readCsv}, {@link
 * dev.archlab.trading.TradingEnvironment#builder}, {@link dev.archlab.trading.Agents} and {@link
 * dev.archlab.trading.Backtester}.
 *
 * @since 0.1
 */
@NullMarked
package dev.archlab.trading;

import org.jspecify.annotations.NullMarked;
