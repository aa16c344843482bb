package io.pulseboard.generate;

import io.pulseboard.event.CustomerEvent;
import io.pulseboard.event.CustomerEventType;
import io.pulseboard.event.SalesEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Synthetic business load: customers (each with a home region, regions weighted) browse in
 * sessions that walk a funnel (views, searches, clicks, carts, checkout, purchase) and purchases
 * become sales of catalogue products at their prices.
 *
 * <p>Deterministic: the same seed and the same sequence of {@code next(at)} calls give the same
 * events. Event ids are {@code runId-sequence}, so separate runs never collide. Not thread-safe:
 * one thread drives it.
 */
public final class EventGenerator {

    private static final int MAX_SESSIONS = 64;

    private final SplittableRandom random;
    private final String runId;
    private final Pricing pricing;
    private final String[] customerRegion;
    private final List<Session> sessions = new ArrayList<>();
    private final Deque<SalesEvent> pendingSales = new ArrayDeque<>();
    private long sequence;
    private long sessionSequence;

    /** Sales in {@code currency} at list prices. */
    public EventGenerator(long seed, int customers, String currency, String runId) {
        this(seed, customers, Pricing.reportingOnly(currency), runId);
    }

    /** Sales in the currencies and at the prices {@code pricing} gives each region. */
    public EventGenerator(long seed, int customers, Pricing pricing, String runId) {
        this.random = new SplittableRandom(seed);
        this.runId = runId;
        this.pricing = pricing;
        this.customerRegion = new String[customers];
        double[] weights =
                Catalog.REGIONS.stream().mapToDouble(Catalog.Region::weight).toArray();
        for (int i = 0; i < customers; i++) {
            customerRegion[i] = Catalog.REGIONS.get(pick(weights)).code();
        }
    }

    /** The next event, stamped with event time {@code at}. */
    public GeneratedEvent next(Instant at) {
        SalesEvent sale = pendingSales.poll();
        if (sale != null) {
            return new GeneratedEvent.Sale(withTime(sale, at));
        }
        if (sessions.isEmpty() || (sessions.size() < MAX_SESSIONS && random.nextDouble() < 0.15)) {
            Session session = new Session(
                    "S-" + runId + "-" + (++sessionSequence),
                    random.nextInt(customerRegion.length),
                    Catalog.CHANNELS.get(pick(Catalog.CHANNEL_WEIGHTS)));
            sessions.add(session);
            return customer(session, CustomerEventType.PAGE_VIEW, at);
        }
        int index = random.nextInt(sessions.size());
        Session session = sessions.get(index);
        CustomerEventType type = session.step(random);
        if (type == null) {
            sessions.remove(index);
            return next(at);
        }
        if (type == CustomerEventType.PURCHASE) {
            sessions.remove(index);
            session.cart.forEach(product -> pendingSales.add(sale(session, product, at)));
        }
        return customer(session, type, at);
    }

    /**
     * Traffic multiplier by hour of day (UTC): quiet at night, busiest in the evening; between 0.6
     * and 1.4, averaging 1 over a day.
     */
    public static double dailyRhythm(Instant at) {
        double hour =
                at.atZone(ZoneOffset.UTC).getHour() + at.atZone(ZoneOffset.UTC).getMinute() / 60.0;
        return 1.0 + 0.4 * Math.sin((hour - 14.0) / 24.0 * 2 * Math.PI);
    }

    private GeneratedEvent customer(Session session, CustomerEventType type, Instant at) {
        Optional<String> product = type == CustomerEventType.PAGE_VIEW || type == CustomerEventType.SEARCH
                ? Optional.empty()
                : Optional.of(session.lastProduct);
        return new GeneratedEvent.Customer(
                new CustomerEvent(id("c"), at, customerId(session.customer), session.id, type, product));
    }

    private SalesEvent sale(Session session, Catalog.Product product, Instant at) {
        int quantity = 1 + (random.nextDouble() < 0.25 ? random.nextInt(3) : 0);
        String region = customerRegion[session.customer];
        BigDecimal price = pricing.price(region, product.price());
        BigDecimal amount = price.multiply(BigDecimal.valueOf(quantity));
        return new SalesEvent(
                id("s"),
                at,
                region,
                product.id(),
                customerId(session.customer),
                quantity,
                price,
                amount,
                pricing.currency(region),
                session.channel);
    }

    private static SalesEvent withTime(SalesEvent s, Instant at) {
        return new SalesEvent(
                s.eventId(),
                at,
                s.region(),
                s.productId(),
                s.customerId(),
                s.quantity(),
                s.unitPrice(),
                s.amount(),
                s.currency(),
                s.channel());
    }

    private String id(String kind) {
        return kind + "-" + runId + "-" + (++sequence);
    }

    private static String customerId(int index) {
        return "C-%05d".formatted(index + 1);
    }

    private int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private Catalog.Product pickProduct() {
        return Catalog.PRODUCTS.get(pick(Catalog.PRODUCTS.stream()
                .mapToDouble(Catalog.Product::popularity)
                .toArray()));
    }

    /** A browsing session: where it is in the funnel and what is in the cart. */
    private final class Session {
        final String id;
        final int customer;
        final String channel;
        final List<Catalog.Product> cart = new ArrayList<>();
        String lastProduct;
        boolean checkingOut;

        Session(String id, int customer, String channel) {
            this.id = id;
            this.customer = customer;
            this.channel = channel;
            this.lastProduct = pickProduct().id();
        }

        /** The next interaction, or null when the customer leaves. */
        CustomerEventType step(SplittableRandom r) {
            double roll = r.nextDouble();
            if (checkingOut) {
                return roll < 0.7 ? CustomerEventType.PURCHASE : null;
            }
            if (!cart.isEmpty()) {
                if (roll < 0.30) {
                    checkingOut = true;
                    return CustomerEventType.CHECKOUT;
                }
                if (roll < 0.35) {
                    cart.remove(cart.size() - 1);
                    return CustomerEventType.REMOVE_FROM_CART;
                }
            }
            if (roll < 0.45) {
                return null;
            }
            if (roll < 0.65) {
                lastProduct = pickProduct().id();
                return CustomerEventType.PAGE_VIEW;
            }
            if (roll < 0.75) {
                return CustomerEventType.SEARCH;
            }
            if (roll < 0.88) {
                return CustomerEventType.CLICK;
            }
            Catalog.Product product = pickProduct();
            lastProduct = product.id();
            cart.add(product);
            return CustomerEventType.ADD_TO_CART;
        }
    }
}
