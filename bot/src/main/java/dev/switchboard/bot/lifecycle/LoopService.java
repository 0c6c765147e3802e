package dev.switchboard.bot.lifecycle;

import dev.switchboard.core.lifecycle.Service;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background part whose threads start when it is constructed (event pump, workers, watchers): each start
 * builds a fresh instance, each stop closes it, and health asks the instance.
 *
 * @param <T> the part
 */
public final class LoopService<T extends AutoCloseable> implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(LoopService.class);

    /** Builds (and so starts) the part. */
    @FunctionalInterface
    public interface Factory<T> {
        T create() throws Exception;
    }

    private final String name;
    private final List<String> dependsOn;
    private final Factory<T> factory;
    private final Function<T, Health> health;
    private final Consumer<T> onStart;
    private volatile T current;

    /**
     * @param health  asked while it runs, e.g. whether its thread is alive
     * @param onStart hands the new instance to whoever needs the current one (e.g. a commit hook)
     */
    public LoopService(
            String name, List<String> dependsOn, Factory<T> factory, Function<T, Health> health, Consumer<T> onStart) {
        this.name = name;
        this.dependsOn = List.copyOf(dependsOn);
        this.factory = factory;
        this.health = health;
        this.onStart = onStart;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public synchronized void start() throws Exception {
        T part = factory.create();
        current = part;
        onStart.accept(part);
    }

    @Override
    public synchronized void stop() {
        T part = current;
        current = null;
        if (part != null) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", name, e);
            }
        }
    }

    @Override
    public Health health() {
        T part = current;
        return part == null ? Health.failed("not running") : health.apply(part);
    }

    /** The running instance, or null. */
    public T current() {
        return current;
    }
}
