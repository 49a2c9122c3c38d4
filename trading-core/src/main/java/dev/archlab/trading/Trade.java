package dev.archlab.trading;

import java.time.LocalDate;

/**
 * One position change, filled at {@code price} on {@code date}.
 *
 * @param date date of the fill bar
 * @param fromPosition position before, in multiples of equity
 * @param toPosition position after
 * @param price fill price (the bar's open when it has one, otherwise its close)
 * @since 0.1
 */
public record Trade(LocalDate date, double fromPosition, double toPosition, double price) {}
