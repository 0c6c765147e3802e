package dev.switchboard.bot.discord;

/**
 * An embed as plain data, so rendering is tested without JDA; {@link JdaRendering} turns it into JDA's type.
 *
 * @param title       at most {@link #MAX_TITLE} characters
 * @param description at most {@link #MAX_DESCRIPTION} characters
 * @param color       RGB
 * @param footer      small print, or null
 */
record EmbedSpec(String title, String description, int color, String footer) {
    public static final int MAX_TITLE = 256;
    public static final int MAX_DESCRIPTION = 4096;
    public static final int OK = 0x2ECC71;
    public static final int ERROR = 0xE74C3C;
    public static final int DENIED = 0xE67E22;
    public static final int INFO = 0x5865F2;
}
