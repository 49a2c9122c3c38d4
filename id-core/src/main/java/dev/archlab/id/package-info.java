/**
 * Unique, sortable 64-bit ids across machines.
 *
 * <p>The API is {@link dev.archlab.id.IdGenerator} and the factory {@link
 * dev.archlab.id.IdGenerators}; everything else in this module is an implementation behind them.
 * Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.archlab.id;

import org.jspecify.annotations.NullMarked;
