package org.huimin.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/** Histogram buckets for HTTP latency, so that Prometheus can compute the settlement p99 the alerts watch. */
@Singleton
public class Metrics {

    @Produces
    @Singleton
    public MeterFilter httpLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().startsWith("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true)
                            .minimumExpectedValue(1_000_000.0).maximumExpectedValue(5_000_000_000.0)
                            .build().merge(config);
                }
                return config;
            }
        };
    }
}
