package io.pulseboard.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/** A listener that records every step as "PART:STATE" and can cancel a session at a chosen step. */
final class Steps implements SessionListener {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile Session cancelAt;
    private volatile String cancelStep = "";
    final CountDownLatch cancelled = new CountDownLatch(1);

    /** Cancels {@code session} as soon as {@code part} reports {@code state}, on the reporting thread. */
    void cancelWhen(Session session, SessionPart part, PartState state) {
        cancelStep = part + ":" + state;
        cancelAt = session;
    }

    @Override
    public void onPart(SessionPart part, PartState state, String message) {
        String step = part + ":" + state;
        seen.add(step);
        Session target = cancelAt;
        if (target != null && step.equals(cancelStep)) {
            target.cancel();
            cancelled.countDown();
        }
    }

    List<String> seen() {
        return List.copyOf(seen);
    }

    boolean any(Predicate<String> step) {
        return seen.stream().anyMatch(step);
    }
}
