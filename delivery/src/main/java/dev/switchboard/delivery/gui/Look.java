package dev.switchboard.delivery.gui;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * What a screen region looked like at one moment (ARGB pixels, row-major).
 *
 * <p>Two looks are "the same" when they differ at most in a thin vertical strip: a blinking or moved text caret
 * must not count as text landing or leaving, while any real glyph change (even one '.') moves the caret by a
 * character width, so the changed area gets wider than the strip.
 */
public record Look(int width, int height, int[] pixels) {

    /** A caret is 1–2 px wide; anything wider than this is real content changing. */
    static final int CARET_STRIP_WIDTH = 3;

    public Look {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels " + pixels.length + " != " + width + "x" + height);
        }
    }

    /** True when only a caret-like strip (or nothing) differs. Looks of different sizes are never the same. */
    public boolean sameAs(Look other) {
        if (other.width != width || other.height != height) {
            return false;
        }
        int minX = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != other.pixels[i]) {
                int x = i % width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                if (maxX - minX + 1 > CARET_STRIP_WIDTH) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How many pixels differ (for "which of two looks is this nearer to"); different sizes differ fully. */
    public int distance(Look other) {
        if (other.width != width || other.height != height) {
            return Math.max(pixels.length, other.pixels.length);
        }
        int n = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != other.pixels[i]) {
                n++;
            }
        }
        return n;
    }

    /** True when every pixel is identical (used to tell "still settling" from "settled"). */
    public boolean identical(Look other) {
        return other.width == width && other.height == height && Arrays.equals(pixels, other.pixels);
    }

    /**
     * The smallest rectangle (relative to this look) holding every pixel that differs from {@code other}, or
     * null when none differs. Both looks must have the same size.
     */
    public Region changedBounds(Look other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("looks of different sizes");
        }
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] != other.pixels[i]) {
                int x = i % width;
                int y = i / width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return maxX < 0 ? null : new Region(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /** The part of this look inside {@code r} (relative coordinates, lying within this look). */
    public Look crop(Region r) {
        int[] out = new int[r.width() * r.height()];
        for (int row = 0; row < r.height(); row++) {
            System.arraycopy(pixels, (r.y() + row) * width + r.x(), out, row * r.width(), r.width());
        }
        return new Look(r.width(), r.height(), out);
    }

    /** The pixels, deflated and in Base64: an empty box is mostly one colour, so this stays small on disk. */
    public String encodePixels() {
        ByteBuffer raw = ByteBuffer.allocate(pixels.length * 4);
        raw.asIntBuffer().put(pixels);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw.array());
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** The inverse of {@link #encodePixels()}; a damaged text is an IllegalArgumentException. */
    public static Look decode(int width, int height, String encoded) {
        byte[] raw = new byte[width * height * 4];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(Base64.getDecoder().decode(encoded));
            int n = 0;
            while (n < raw.length && !inflater.finished()) {
                int got = inflater.inflate(raw, n, raw.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != raw.length) {
                throw new IllegalArgumentException("look holds " + n + " bytes, not " + raw.length);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("damaged look: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        int[] px = new int[width * height];
        ByteBuffer.wrap(raw).asIntBuffer().get(px);
        return new Look(width, height, px);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Look l && identical(l);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Look[" + width + "x" + height + "]";
    }
}
