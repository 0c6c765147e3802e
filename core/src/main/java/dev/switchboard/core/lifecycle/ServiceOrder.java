package dev.switchboard.core.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Dependency order: each service after those it depends on; otherwise in the order given. */
final class ServiceOrder {
    private ServiceOrder() {}

    static List<Service> sort(List<Service> services) {
        Map<String, Service> byName = new LinkedHashMap<>();
        for (Service s : services) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("two services are named " + s.name());
            }
        }
        List<Service> sorted = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Service s : services) {
            visit(s, byName, done, new HashSet<>(), sorted);
        }
        return sorted;
    }

    private static void visit(
            Service s, Map<String, Service> byName, Set<String> done, Set<String> path, List<Service> sorted) {
        if (done.contains(s.name())) {
            return;
        }
        if (!path.add(s.name())) {
            throw new IllegalArgumentException("services depend on each other in a circle: " + path);
        }
        for (String dep : s.dependsOn()) {
            Service d = byName.get(dep);
            if (d == null) {
                throw new IllegalArgumentException(s.name() + " depends on " + dep + ", which is not a service");
            }
            visit(d, byName, done, path, sorted);
        }
        path.remove(s.name());
        done.add(s.name());
        sorted.add(s);
    }
}
