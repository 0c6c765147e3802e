package dev.switchboard.bot.cli;

import dev.switchboard.bot.Deliverers;
import dev.switchboard.bot.Main;
import dev.switchboard.broker.BrokerConnections;
import dev.switchboard.broker.Node;
import dev.switchboard.config.BrokerConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.delivery.FallbackChain;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = {
            "Deliver to the agents on this desktop for a hub on another machine (scale-out).",
            "Serves the agents whose 'node:' is --name, with their delivery settings from this config file;",
            "takes their jobs from the broker (broker.url) and reports every state change to the hub.",
            "Stop it with Ctrl-C or SIGTERM: a job in progress finishes or is given back."
        })
public final class NodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "<node>",
            description = "This node's name (node: in the config).")
    String name;

    @Override
    public Integer call() throws Exception {
        Main main = (Main) spec.root().userObject();
        SwitchboardConfig cfg = main.loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (cfg.broker() == null) {
            err.println("error: no broker in the config: add broker: {url: amqp://user@host:5672/vhost}");
            return 1;
        }
        FallbackChain chain =
                new FallbackChain(Deliverers.create(() -> cfg), 3, Duration.ofSeconds(30), Clock.systemUTC());
        Node node;
        try {
            node = new Node(
                    name,
                    cfg,
                    new BrokerConnections(cfg.broker(), Optional.ofNullable(System.getenv(BrokerConfig.PASSWORD_ENV))),
                    chain,
                    cfg.dataDir(),
                    2_000);
        } catch (IllegalArgumentException | java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        out.println("Switchboard node " + name + " · agents: " + String.join(", ", node.agentIds()) + " · broker "
                + cfg.broker().redactedUrl());
        out.flush();
        stopped.await();
        return 0;
    }
}
