package dev.switchboard.web.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * The last hour as the API and the dashboard show it.
 *
 * @param successRate  delivered / (delivered + dead), null when neither happened
 * @param verifiedRate verified / delivered, null when nothing was delivered
 * @param latencyMs    per {@link Latency#key()}
 * @param perMinute    oldest first, one entry per minute of the window (empty minutes included)
 */
public record MetricsWindow(
        int minutes,
        long delivered,
        long dead,
        long read,
        long cancelled,
        Double successRate,
        Double verifiedRate,
        Map<String, AgentFigures> byAgent,
        Map<String, Long> byMethod,
        Map<String, Long> byErrorClass,
        Retries retries,
        Map<String, Distribution> latencyMs,
        List<Minute> perMinute) {

    public record AgentFigures(long delivered, long dead, long retries) {}

    /**
     * @param retryWaits           failed attempts that will be tried again
     * @param deliveredAfterRetry  messages delivered on a second or later attempt
     * @param operatorRetries      dead or waiting messages put back by an operator
     * @param attemptsAtDelivery   how many attempts delivered messages needed ("1", "2", … "5+")
     */
    public record Retries(
            long retryWaits,
            long deliveredAfterRetry,
            long dead,
            long operatorRetries,
            Map<String, Long> attemptsAtDelivery) {}

    /** One minute: throughput and the latency trend. */
    public record Minute(
            Instant start,
            long delivered,
            long failed,
            Map<String, Long> deliveredByAgent,
            Long endToEndP50Ms,
            Long endToEndP95Ms) {}

    static MetricsWindow of(long nowMinute, int size, TreeMap<Long, MinuteBucket> buckets) {
        Map<String, long[]> agents = new TreeMap<>();
        Map<String, Long> byMethod = new TreeMap<>();
        Map<String, Long> byError = new TreeMap<>();
        Map<String, Long> attempts = new TreeMap<>();
        Map<Latency, List<long[]>> samples = new EnumMap<>(Latency.class);
        long verified = 0;
        long unverified = 0;
        long read = 0;
        long cancelled = 0;
        long operator = 0;
        long retryWaits = 0;
        long afterRetry = 0;
        List<Minute> perMinute = new ArrayList<>();
        for (long m = nowMinute - size + 1; m <= nowMinute; m++) {
            MinuteBucket b = buckets.get(m);
            Instant start = Instant.ofEpochSecond(m * 60);
            if (b == null) {
                perMinute.add(new Minute(start, 0, 0, Map.of(), null, null));
                continue;
            }
            b.deliveredByAgent.forEach((a, n) -> agents.computeIfAbsent(a, k -> new long[3])[0] += n);
            b.deadByAgent.forEach((a, n) -> agents.computeIfAbsent(a, k -> new long[3])[1] += n);
            b.retriesByAgent.forEach((a, n) -> agents.computeIfAbsent(a, k -> new long[3])[2] += n);
            b.deliveredByMethod.forEach((k, n) -> byMethod.merge(k, n, Long::sum));
            b.errorsByClass.forEach((k, n) -> byError.merge(k, n, Long::sum));
            for (Map.Entry<Integer, Long> a : b.attemptsAtDelivery.entrySet()) {
                attempts.merge(a.getKey() >= 5 ? "5+" : a.getKey().toString(), a.getValue(), Long::sum);
                if (a.getKey() > 1) {
                    afterRetry += a.getValue();
                }
            }
            for (Latency l : Latency.values()) {
                samples.computeIfAbsent(l, k -> new ArrayList<>()).add(b.samples(l));
            }
            verified += b.verified;
            unverified += b.unverified;
            read += b.read;
            cancelled += b.cancelled;
            operator += b.operatorRetries;
            retryWaits += b.retriesByAgent.values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long[] e2e = b.samples(Latency.END_TO_END);
            java.util.Arrays.sort(e2e);
            perMinute.add(new Minute(
                    start,
                    b.delivered(),
                    b.dead()
                            + b.retriesByAgent.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum(),
                    new TreeMap<>(b.deliveredByAgent),
                    Distribution.pct(e2e, 50),
                    Distribution.pct(e2e, 95)));
        }
        long delivered = verified + unverified;
        long dead = agents.values().stream().mapToLong(a -> a[1]).sum();
        Map<String, AgentFigures> byAgent = new TreeMap<>();
        agents.forEach((a, f) -> byAgent.put(a, new AgentFigures(f[0], f[1], f[2])));
        Map<String, Distribution> latency = new TreeMap<>();
        for (Latency l : Latency.values()) {
            long[] all = samples.getOrDefault(l, List.of()).stream()
                    .flatMapToLong(LongStream::of)
                    .toArray();
            latency.put(l.key(), Distribution.of(all));
        }
        return new MetricsWindow(
                size,
                delivered,
                dead,
                read,
                cancelled,
                delivered + dead == 0 ? null : (double) delivered / (delivered + dead),
                delivered == 0 ? null : (double) verified / delivered,
                byAgent,
                byMethod,
                byError,
                new Retries(retryWaits, afterRetry, dead, operator, attempts),
                latency,
                perMinute);
    }
}
