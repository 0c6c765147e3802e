package dev.switchboard.core.routing;

import dev.switchboard.core.message.UnifiedMessage;
import java.util.function.IntSupplier;

/** Refuses empty, oversized or binary-looking text. The limit is read each time (config reloads). */
public final class ValidationMiddleware implements Middleware {
    private final IntSupplier maxChars;

    public ValidationMiddleware(IntSupplier maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public void check(UnifiedMessage message) {
        TextRules.problem(message.body(), maxChars.getAsInt()).ifPresent(p -> {
            throw new RejectedException(RejectedException.Reason.INVALID, p);
        });
    }
}
