package dev.switchboard.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Console lines from a byte stream: where a command ends, what is refused, and that refusals are drained. */
class ConsoleLinesTest {
    private static List<ConsoleLines.Command> all(InputStream in) throws IOException {
        ConsoleLines lines = new ConsoleLines(in);
        List<ConsoleLines.Command> out = new ArrayList<>();
        for (ConsoleLines.Command c; (c = lines.next()) != null; ) {
            out.add(c);
        }
        return out;
    }

    private static List<ConsoleLines.Command> all(byte[] bytes) throws IOException {
        return all(new ByteArrayInputStream(bytes));
    }

    private static List<ConsoleLines.Command> all(String text) throws IOException {
        return all(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsoleLines.Command ok(String text) {
        return new ConsoleLines.Command(text, null);
    }

    @Test
    void aBareCarriageReturnNeverStartsASecondCommand() throws IOException {
        List<ConsoleLines.Command> c = all("msg Agent-2 hello\rqueue pause Agent-3\nstatus\r\n");
        assertEquals(2, c.size(), c.toString());
        assertTrue(
                c.get(0).refusal().contains("carriage return (U+000D) at position 17"),
                c.get(0).refusal());
        assertEquals(ok("status"), c.get(1), "\\r\\n is one line end");
    }

    @Test
    void continuationAndTheEscapedBackslash() throws IOException {
        assertEquals(
                List.of(ok("msg a1 one\ntwo"), ok("msg a1 ends in \\"), ok("msg a1  kept spaces")),
                all("msg a1 one\\\ntwo\nmsg a1 ends in \\\\\nmsg a1  kept spaces\n"));
        assertEquals(List.of(ok("msg a1 cut\n")), all("msg a1 cut\\\n"), "input ended after a continuation");
    }

    @Test
    void bytesThatAreNotUtf8RefuseTheLineOnly() throws IOException {
        byte[] bad = {'m', 's', 'g', ' ', 'a', '1', ' ', (byte) 0xC3, (byte) 0x28, '\n', 'h', 'e', 'l', 'p', '\n'};
        List<ConsoleLines.Command> c = all(bad);
        assertEquals(
                "the line is not valid UTF-8 text; nothing was done", c.get(0).refusal());
        assertEquals(ok("help"), c.get(1));
    }

    @Test
    void aHugeLineIsRefusedAndDrainedWithoutHoldingIt() throws IOException {
        // GIVEN an 8 MB line (and a 20 MB continued command), produced lazily, then a normal command
        InputStream huge = new RepeatingStream((byte) 'x', 8L << 20);
        InputStream continued =
                new RepeatingStream("y".repeat(1000).concat("\\\n").getBytes(StandardCharsets.UTF_8), 20L << 20);
        InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream("msg a1 ".getBytes(StandardCharsets.UTF_8)),
                huge,
                new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)),
                continued,
                new ByteArrayInputStream("end\nstatus\n".getBytes(StandardCharsets.UTF_8)))));
        // WHEN read THEN each is one refusal, and the next command is read intact
        List<ConsoleLines.Command> c = all(in);
        assertEquals(3, c.size());
        assertEquals(
                "the line is longer than 256 KB; nothing was done", c.get(0).refusal());
        assertEquals(
                "the command is longer than 1024 KB; nothing was done", c.get(1).refusal());
        assertEquals(ok("status"), c.get(2));
    }

    @Test
    void endOfInput() throws IOException {
        assertNull(new ConsoleLines(new ByteArrayInputStream(new byte[0])).next());
        assertEquals(List.of(ok("help")), all("help"), "a last line without newline");
        assertEquals(ok(""), ConsoleLines.fromEditor(""), "Enter on an empty editor line does not end the console");
        assertEquals(ok("msg a1 x\ny"), ConsoleLines.fromEditor("msg a1 x\\\ny"));
    }

    /** {@code total} bytes repeating {@code pattern}, made as read. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] pattern;
        private long left;
        private int at;

        RepeatingStream(byte b, long total) {
            this(new byte[] {b}, total);
        }

        RepeatingStream(byte[] pattern, long total) {
            this.pattern = pattern;
            this.left = total;
        }

        @Override
        public int read() {
            if (left-- <= 0) {
                return -1;
            }
            byte b = pattern[at];
            at = (at + 1) % pattern.length;
            return b & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = pattern[at];
                at = (at + 1) % pattern.length;
            }
            left -= n;
            return n;
        }
    }
}
