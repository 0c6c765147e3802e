package dev.switchboard.bot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput and latency against this machine's raw disk limits; prints JSON.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("bench is being written");
    }
}
