package org.huimin.common;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Histogram buckets for HTTP latency, so that Prometheus can compute the settlement p99 the alerts watch; and request
 * metrics labelled by route template only ({@link org.huimin.common.web.Routes}).
 */
@Singleton
public class Metrics {

    @Produces
    @Singleton
    public MeterFilter httpLatencyHistograms() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server.requests")) {
                    return id;
                }
                String uri = id.getTag("uri");
                String template = org.huimin.common.web.Routes.template(uri);
                return template.equals(uri) ? id : id.replaceTags(io.micrometer.core.instrument.Tags.of(id.getTags())
                        .and("uri", template));
            }

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
