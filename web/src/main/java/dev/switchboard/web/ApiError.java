package dev.switchboard.web;

/** An error answer other than 400: the status and one sentence (as {@code {"error": "..."}}). */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String sentence) {
        super(sentence, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
