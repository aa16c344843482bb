package io.pulseboard.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every rate of one currency pair, oldest first: the value of one record of the {@code
 * reference-exchange-rates} topic, keyed by {@link #key(String, String)}. Each record carries the pair's
 * whole history, so that the compacted topic's latest record per key is all the topology needs
 * (docs/adr/0019).
 *
 * @param base the currency a sale is in, ISO-4217, e.g. {@code EUR}
 * @param quote the reporting currency the rate converts to, e.g. {@code USD}
 * @param rates the rates, sorted by {@link Rate#validFrom()}, no two with the same instant; may be empty
 *     (the pair was deleted in PostgreSQL)
 */
public record ExchangeRateHistory(String base, String quote, List<Rate> rates) {

    /**
     * One rate: {@code 1 base = rate quote} from {@code validFrom} until the next rate's {@code validFrom}.
     *
     * @param validFrom the first instant the rate applies to; never null
     * @param rate units of the quote currency per unit of the base currency, positive; never null
     */
    public record Rate(Instant validFrom, BigDecimal rate) {
        public Rate {
            Objects.requireNonNull(validFrom, "validFrom");
            Objects.requireNonNull(rate, "rate");
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("rate must be positive, was " + rate);
            }
        }
    }

    public ExchangeRateHistory {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        List<Rate> sorted = new ArrayList<>(Objects.requireNonNull(rates, "rates"));
        sorted.sort(Comparator.comparing(Rate::validFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).validFrom().equals(sorted.get(i - 1).validFrom())) {
                throw new IllegalArgumentException("two " + base + "/" + quote + " rates valid from "
                        + sorted.get(i).validFrom());
            }
        }
        rates = List.copyOf(sorted);
    }

    /** @return the topic key of a pair, e.g. {@code EUR/USD} */
    public static String key(String base, String quote) {
        return base + "/" + quote;
    }

    /**
     * @param at an event's time; never null
     * @return the rate valid at that instant: the one with the latest {@code validFrom} not after it;
     *     empty if the first rate starts later, or there is none
     */
    public Optional<BigDecimal> rateAt(Instant at) {
        int lo = 0;
        int hi = rates.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rates.get(mid).validFrom().isAfter(at)) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(rates.get(found).rate());
    }
}
