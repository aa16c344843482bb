package io.pulseboard.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A listener that records every step as "PART:STATE" and can cancel a session at a chosen step. */
final class Steps implements SessionListener {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile Session cancelAt;
    private volatile String cancelStep = "";
    final CountDownLatch cancelled = new CountDownLatch(1);

    /** Cancels {@code session} as soon as {@code part} reports {@code state}, on the reporting thread. */
    private void cancelWhen(Session session, SessionPart part, PartState state) {
        cancelStep = part + ":" + state;
        cancelAt = session;
    }

    @Override
    public void onPart(SessionPart part, PartState state, String message) {
        String step = part + ":" + state;
        seen.add(step);
        messages.add(step + " " + message);
        Session target = cancelAt;
        if (target != null && step.equals(cancelStep)) {
            target.cancel();
            cancelled.countDown();
        }
    }

    /**
     * Starts {@code session} on another thread, cancelled at the step named by {@link #cancelWhen},
     * and asserts that the start ended in a {@link CancellationException}.
     */
    void assertStartIsCancelled(Session session, SessionPart part, PartState state) throws Exception {
        cancelWhen(session, part, state);
        CompletableFuture<Void> start = CompletableFuture.runAsync(() -> {
            try {
                session.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(cancelled.await(60, TimeUnit.SECONDS))
                .as("cancelled at " + part + " " + state)
                .isTrue();
        assertThatThrownBy(() -> start.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
    }

    List<String> seen() {
        return List.copyOf(seen);
    }

    /** Every step as "PART:STATE message", in the order seen. */
    List<String> withMessages() {
        return List.copyOf(messages);
    }

    boolean any(Predicate<String> step) {
        return seen.stream().anyMatch(step);
    }
}
