package dev.switchboard.broker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real RabbitMQ on 127.0.0.1:5672 (the test script starts one where none runs), with a private vhost per
 * test class so runs never see each other's queues. No broker is a failure, never a skip.
 */
public final class LocalBroker implements AutoCloseable {
    public final String vhost = "sb-test-" + UUID.randomUUID().toString().substring(0, 8);

    public LocalBroker() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2_000);
        } catch (IOException e) {
            fail("no RabbitMQ on 127.0.0.1:5672 (./switchboard test installs and starts rabbitmq-server): "
                    + e.getMessage());
        }
        ctl("add_vhost", vhost);
        ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    public String url() {
        return "amqp://guest:guest@127.0.0.1:5672/" + vhost;
    }

    /** Runs rabbitmqctl and fails the test when it fails. */
    public static String ctl(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            fail("cannot run rabbitmqctl: " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return "";
        }
    }

    /** "ready unacknowledged" message counts of a queue in this vhost, e.g. "0 0". */
    public String queueCounts(String queue) {
        for (String line : ctl(
                        "list_queues",
                        "-p",
                        vhost,
                        "--no-table-headers",
                        "name",
                        "messages_ready",
                        "messages_unacknowledged")
                .split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals(queue)) {
                return f[1] + " " + f[2];
            }
        }
        return "no queue " + queue;
    }

    /**
     * Messages delivered and not yet acknowledged on this vhost's channels, asked of each channel as it is now
     * (queue counts in {@link #queueCounts} may be a few seconds old).
     */
    public long unacknowledged() {
        long n = 0;
        for (String line : ctl("list_channels", "--no-table-headers", "vhost", "messages_unacknowledged")
                .split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[0].equals(vhost)) {
                n += Long.parseLong(f[1]);
            }
        }
        return n;
    }

    @Override
    public void close() {
        ctl("delete_vhost", vhost);
    }
}
